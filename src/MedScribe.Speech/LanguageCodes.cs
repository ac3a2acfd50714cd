namespace MedScribe.Speech;

/// <summary>
/// Languages as speech engines report them (Whisper's codes, or OpenAI's lower-case English names such as
/// <c>english</c>), brought to the codes the protocol uses (ISO 639-1 where one exists).
/// </summary>
public static class LanguageCodes
{
    /// <summary>Whisper's languages in its own order (the first 99 are every multilingual model's; v3 adds Cantonese).</summary>
    private const string Whisper =
        "en english,zh chinese,de german,es spanish,ru russian,ko korean,fr french,ja japanese,pt portuguese,tr turkish," +
        "pl polish,ca catalan,nl dutch,ar arabic,sv swedish,it italian,id indonesian,hi hindi,fi finnish,vi vietnamese," +
        "he hebrew,uk ukrainian,el greek,ms malay,cs czech,ro romanian,da danish,hu hungarian,ta tamil,no norwegian," +
        "th thai,ur urdu,hr croatian,bg bulgarian,lt lithuanian,la latin,mi maori,ml malayalam,cy welsh,sk slovak," +
        "te telugu,fa persian,lv latvian,bn bengali,sr serbian,az azerbaijani,sl slovenian,kn kannada,et estonian,mk macedonian," +
        "br breton,eu basque,is icelandic,hy armenian,ne nepali,mn mongolian,bs bosnian,kk kazakh,sq albanian,sw swahili," +
        "gl galician,mr marathi,pa punjabi,si sinhala,km khmer,sn shona,yo yoruba,so somali,af afrikaans,oc occitan," +
        "ka georgian,be belarusian,tg tajik,sd sindhi,gu gujarati,am amharic,yi yiddish,lo lao,uz uzbek,fo faroese," +
        "ht haitian creole,ps pashto,tk turkmen,nn nynorsk,mt maltese,sa sanskrit,lb luxembourgish,my myanmar,bo tibetan,tl tagalog," +
        "mg malagasy,as assamese,tt tatar,haw hawaiian,ln lingala,ha hausa,ba bashkir,jw javanese,su sundanese,yue cantonese";

    private static readonly (string Code, string Name)[] Table = Whisper.Split(',').Select(e => (e[..e.IndexOf(' ')], e[(e.IndexOf(' ') + 1)..])).ToArray();

    /// <summary>Whisper's language codes, in its order.</summary>
    public static IReadOnlyList<string> WhisperCodes { get; } = Table.Select(t => t.Code).ToList();

    /// <summary><c>en</c>, <c>EN</c>, <c>english</c> or <c>English</c> → <c>en</c>; null when it names no language we know.</summary>
    public static string? From(string value)
    {
        var key = value.Trim().ToLowerInvariant();
        foreach (var (code, name) in Table)
        {
            if (key == code || key == name)
            {
                return code;
            }
        }

        return key.Length == 2 && key.All(char.IsAsciiLetterLower) ? key : null;
    }
}
