using MedScribe.Clinical.Lexicons;
using MedScribe.Clinical.Text;
using MedScribe.Speech.LanguageModel;
using MedScribe.Speech.PocketSphinx;

namespace MedScribe.Silo.Speech;

/// <summary>
/// <c>MedScribe.Silo speech-model [data folder]</c>: rewrites <c>medical.dict</c>, the pronunciations of
/// every corpus word the general dictionary lacks (espeak-ng IPA mapped to ARPAbet), and
/// <c>../clinical/drug-names.dict</c>, those of the drug-name words neither holds (the short brands kept out of the
/// corpus), which the extractor matches misheard names against and the recogniser never sees. A drug name whose
/// guess is not how clinicians say it also gets the pronunciation of <c>checked-pronunciations.dict</c>. Run it after
/// changing the corpus or the drug list; the trigram model itself is rebuilt at start-up.
/// </summary>
public static class SpeechModelCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var data = args.Length > 0 ? args[0] : Path.Combine(Directory.GetCurrentDirectory(), "data", "speech");
        if (!File.Exists(Path.Combine(data, "clinical-corpus.txt")))
        {
            await error.WriteLineAsync($"speech-model: no clinical-corpus.txt in '{data}'; pass the data/speech folder.");
            return 2;
        }

        var general = Pronunciations.ReadDictionary(new PocketSphinxModel().Dictionary);
        var checkedPath = Path.Combine(data, "checked-pronunciations.dict");
        var checkedByHand = File.Exists(checkedPath) ? Pronunciations.ReadDictionary(checkedPath) : [];
        var missing = MedicalSpeechModel.MissingWords(data, general);
        var lines = new List<string> { "# Pronunciations for corpus words missing from cmudict-en-us.dict, written by 'MedScribe.Silo speech-model'", "# (espeak-ng IPA mapped to ARPAbet; acronyms spelled). Review drug names by ear when you can." };
        await GuessAllAsync(missing, general, checkedByHand, lines, output);
        await File.WriteAllLinesAsync(Path.Combine(data, "medical.dict"), lines);
        await output.WriteLineAsync($"speech-model: {missing.Count} pronunciations written to {Path.Combine(data, "medical.dict")}");

        // Words of the lexicon's drug names that neither dictionary holds; a word with a digit is said as its spoken
        // variant ("vitamin b twelve"), which the lexicon lists beside it.
        var clinical = Path.GetFullPath(Path.Combine(data, "..", "clinical"));
        var drugWords = ClinicalLexicon.Default.DrugSpellings.SelectMany(s => Tokens.Words(s.Spelling))
            .Where(w => !general.ContainsKey(w) && !missing.Contains(w) && !w.Any(char.IsDigit))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var names = new List<string>
        {
            "# Pronunciations of drug-name words neither cmudict-en-us.dict nor medical.dict holds, written by 'MedScribe.Silo speech-model'",
            "# (espeak-ng IPA mapped to ARPAbet). Only for matching misheard names by sound: the recogniser never sees them.",
        };
        await GuessAllAsync(drugWords, general, checkedByHand, names, output);
        await File.WriteAllLinesAsync(Path.Combine(clinical, "drug-names.dict"), names);
        await output.WriteLineAsync($"speech-model: {drugWords.Count} pronunciations written to {Path.Combine(clinical, "drug-names.dict")}");
        return 0;
    }

    /// <summary>
    /// espeak-ng's guess for each word, and after it, as "word(2)", the pronunciation checked by hand
    /// (<c>checked-pronunciations.dict</c>) where that differs: the guess stays, so nothing heard before is lost.
    /// </summary>
    private static async Task GuessAllAsync(IEnumerable<string> words, Dictionary<string, List<string>> general, Dictionary<string, List<string>> checkedByHand,
        List<string> lines, TextWriter output)
    {
        foreach (var word in words)
        {
            var phones = await Pronunciations.GuessAsync(word, general);
            lines.Add($"{word} {phones}");
            await output.WriteLineAsync($"{word,-28} {phones}");
            if (checkedByHand.TryGetValue(word, out var said) && said[0] != phones)
            {
                lines.Add($"{word}(2) {said[0]}");
            }
        }
    }
}
