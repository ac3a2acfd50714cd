using MedScribe.Speech.LanguageModel;
using MedScribe.Speech.PocketSphinx;

namespace MedScribe.Silo.Speech;

/// <summary>
/// <c>MedScribe.Silo speech-model [data folder]</c>: rewrites <c>medical.dict</c>, the pronunciations of
/// every corpus word the general dictionary lacks (espeak-ng IPA mapped to ARPAbet). Run it after
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
        foreach (var word in missing)
        {
            var phones = await Pronunciations.GuessAsync(word, general);
            lines.Add($"{word} {phones}");
            await output.WriteLineAsync($"{word,-28} {phones}");
        }

        await File.WriteAllLinesAsync(Path.Combine(data, "medical.dict"), lines);
        await output.WriteLineAsync($"speech-model: {missing.Count} pronunciations written to {Path.Combine(data, "medical.dict")}");
        return 0;
    }
}
