using MedScribe.Clinical.Lexicons;
using MedScribe.Clinical.Text;
using MedScribe.Speech.LanguageModel;
using MedScribe.Speech.PocketSphinx;

namespace MedScribe.Silo.Speech;

/// <summary>
/// <c>MedScribe.Silo speech-model [data folder]</c>: rewrites <c>medical.dict</c>, the pronunciations of
/// every corpus word the general dictionary lacks (espeak-ng IPA mapped to ARPAbet), and
/// <c>../clinical/drug-names.dict</c>, those of the drug-name words neither holds (the short brands kept out of the
/// corpus), which the extractor matches misheard names against and the recogniser never sees. Run it after
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
        var missing = MedicalSpeechModel.MissingWords(data, general);
        var lines = new List<string> { "# Pronunciations for corpus words missing from cmudict-en-us.dict, written by 'MedScribe.Silo speech-model'", "# (espeak-ng IPA mapped to ARPAbet; acronyms spelled). Review drug names by ear when you can." };
        await GuessAllAsync(missing, general, lines, output);
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
        await GuessAllAsync(drugWords, general, names, output);
        await File.WriteAllLinesAsync(Path.Combine(clinical, "drug-names.dict"), names);
        await output.WriteLineAsync($"speech-model: {drugWords.Count} pronunciations written to {Path.Combine(clinical, "drug-names.dict")}");
        return 0;
    }

    private static async Task GuessAllAsync(IEnumerable<string> words, Dictionary<string, List<string>> general, List<string> lines, TextWriter output)
    {
        foreach (var word in words)
        {
            var phones = await Pronunciations.GuessAsync(word, general);
            lines.Add($"{word} {phones}");
            await output.WriteLineAsync($"{word,-28} {phones}");
        }
    }
}
