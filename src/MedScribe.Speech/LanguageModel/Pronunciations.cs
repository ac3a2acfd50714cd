using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MedScribe.Speech.LanguageModel;

/// <summary>
/// Pronunciations for words the general dictionary lacks (drug names, clinical words): espeak-ng's IPA
/// (Debian package <c>espeak-ng</c>) mapped to ARPAbet; acronyms are spelled letter by letter.
/// Used by <c>MedScribe.Silo speech-model</c> to write <c>data/speech/medical.dict</c>.
/// </summary>
public static partial class Pronunciations
{
    /// <summary>Longest first where one symbol is a prefix of another.</summary>
    private static readonly (string Ipa, string Arpabet)[] IpaToArpabet =
    [
        ("tʃ", "CH"), ("dʒ", "JH"), ("aɪ", "AY"), ("aʊ", "AW"), ("eɪ", "EY"), ("ɔɪ", "OY"), ("oʊ", "OW"), ("ɜːɹ", "ER"), ("ɚɹ", "ER"),
        ("ɜː", "ER"), ("ɚ", "ER"), ("ɑːɹ", "AA R"), ("ɑː", "AA"), ("ɑ", "AA"), ("ɔːɹ", "AO R"), ("ɔː", "AO"), ("ɔ", "AO"), ("oːɹ", "AO R"),
        ("oː", "OW"), ("o", "OW"), ("iː", "IY"), ("i", "IY"), ("uː", "UW"), ("u", "UW"), ("ɪ", "IH"), ("ᵻ", "IH"), ("ɛ", "EH"), ("æ", "AE"),
        ("ɐ", "AH"), ("ə", "AH"), ("ʌ", "AH"), ("ʊ", "UH"), ("e", "EH"), ("a", "AE"), ("θ", "TH"), ("ð", "DH"), ("ʃ", "SH"), ("ʒ", "ZH"),
        ("ŋ", "NG"), ("ɹ", "R"), ("ɾ", "T"), ("ɡ", "G"), ("g", "G"), ("j", "Y"), ("h", "HH"), ("w", "W"), ("l", "L"), ("ɫ", "L"),
        ("p", "P"), ("b", "B"), ("t", "T"), ("d", "D"), ("k", "K"), ("f", "F"), ("v", "V"), ("s", "S"), ("z", "Z"), ("m", "M"), ("n", "N"),
        ("x", "K"),
    ];

    /// <summary>Said letter by letter.</summary>
    public static readonly IReadOnlySet<string> Acronyms = new HashSet<string>
    {
        "copd", "ekg", "ecg", "ldl", "hdl", "ct", "mri", "bmi", "uti", "nsaid", "nsaids", "ent", "icu", "er", "iv", "gerd", "cbc", "tsh", "inr",
        // espeak-ng reads these as words, having a vowel.
        "egd", "emg", "esr", "ibs", "gi", "sti", "uacr", "ob", "obgyn", "afp", "tsi", "kub",
        // Drug abbreviations (drug-names.dict): "inh" is isoniazid, "ptu" propylthiouracil.
        "inh", "ptu", "pza", "ddavp", "smx", "tmp", "hctz", "hct", "mp", "xl", "vk",
    };

    /// <summary>Reads a CMU-format dictionary into word → pronunciations; a line opening with '#' is a comment.</summary>
    public static Dictionary<string, List<string>> ReadDictionary(string path)
    {
        var dictionary = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ');
            if (space <= 0 || line.StartsWith('#'))
            {
                continue;
            }

            var word = WordOf(line);
            if (!dictionary.TryGetValue(word, out var list))
            {
                dictionary[word] = list = [];
            }

            list.Add(line[(space + 1)..].Trim());
        }

        return dictionary;
    }

    /// <summary>The word a dictionary line pronounces, without its alternate mark: "taking(2) T EY K IH N" is "taking".</summary>
    public static string WordOf(string line)
    {
        var space = line.IndexOf(' ');
        return Alternative().Replace(space < 0 ? line : line[..space], "");
    }

    /// <summary>ARPAbet for an IPA string as espeak-ng prints it.</summary>
    public static string FromIpa(string ipa)
    {
        ipa = Marks().Replace(ipa, "");
        var phones = new List<string>();
        for (var i = 0; i < ipa.Length;)
        {
            var match = IpaToArpabet.FirstOrDefault(m => string.CompareOrdinal(ipa, i, m.Ipa, 0, m.Ipa.Length) == 0);
            if (match.Ipa is null)
            {
                i++; // a length mark or another symbol with no ARPAbet counterpart
                continue;
            }

            foreach (var phone in match.Arpabet.Split(' '))
            {
                // Collapse doubled phones and an R right after ER.
                if (phones.Count == 0 || (phone != phones[^1] && !(phone == "R" && phones[^1] == "ER")))
                {
                    phones.Add(phone);
                }
            }

            i += match.Ipa.Length;
        }

        return string.Join(' ', phones);
    }

    /// <summary>A pronunciation for a word the dictionary lacks.</summary>
    public static async Task<string> GuessAsync(string word, IReadOnlyDictionary<string, List<string>> dictionary, CancellationToken cancellationToken = default)
    {
        if (Acronyms.Contains(word))
        {
            // The letter "a" is said EY; the dictionary's first "a" is the article's AH.
            return string.Join(' ', word.Select(letter => letter == 'a' ? "EY" : dictionary[letter.ToString()][0]));
        }

        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-q", "-v", "en-us", "--ipa", word })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("espeak-ng did not start.");
        var ipa = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return FromIpa(ipa.Trim());
    }

    private static readonly HashSet<string> Vowels = ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"];

    /// <summary>
    /// The g-dropped pronunciations of <paramref name="words"/> ending in an unstressed "-ing" ("taking" as
    /// T EY K IH N and T EY K AH N), as alternates in the dictionary's own format (<c>taking(2) T EY K IH N</c>).
    /// Speakers say "takin'" all the time, and without them the decoder hears "take on", "check in" or
    /// "dose and". One-syllable words ("thing", "bring") keep their only pronunciation.
    /// </summary>
    public static IEnumerable<string> DroppedGAlternates(IReadOnlyDictionary<string, List<string>> dictionary, IEnumerable<string> words)
    {
        foreach (var word in words.Where(w => w.EndsWith("ing", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal))
        {
            if (!dictionary.TryGetValue(word, out var pronunciations))
            {
                continue;
            }

            var alternates = pronunciations
                .Where(p => p.EndsWith(" IH NG", StringComparison.Ordinal) && p.Split(' ').Count(Vowels.Contains) >= 2)
                .SelectMany(p => new[] { p[..^2] + "N", p[..^5] + "AH N" })
                .Where(p => !pronunciations.Contains(p))
                .Distinct()
                .ToList();
            for (var i = 0; i < alternates.Count; i++)
            {
                yield return $"{word}({pronunciations.Count + i + 1}) {alternates[i]}";
            }
        }
    }

    [GeneratedRegex(@"\(\d+\)$")]
    private static partial Regex Alternative();

    [GeneratedRegex(@"[ˈˌ\s\-]")]
    private static partial Regex Marks();
}
