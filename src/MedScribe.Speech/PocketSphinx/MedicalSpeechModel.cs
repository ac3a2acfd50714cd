using System.Security.Cryptography;
using System.Text;
using MedScribe.Speech.LanguageModel;

namespace MedScribe.Speech.PocketSphinx;

/// <summary>
/// Prepares the medical model from the data files copied beside the binaries (<c>speech-data/</c>):
/// the trigram model is built from the corpus at start-up (a fraction of a second) into a cache file
/// named by the corpus's hash, and the pronunciations come from <c>medical.dict</c>.
/// </summary>
public static class MedicalSpeechModel
{
    public static string DefaultDataDirectory => Path.Combine(AppContext.BaseDirectory, "speech-data");

    public static PocketSphinxModel Prepare(string dataDirectory, string cacheDirectory, float medicalWeight)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "clinical-corpus.txt")))
        {
            throw new SpeechEngineException($"The speech data folder '{dataDirectory}' lacks clinical-corpus.txt (Speech:DataDirectory).");
        }

        var sentences = ClinicalCorpus.Sentences(dataDirectory);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', sentences))))[..16];
        Directory.CreateDirectory(cacheDirectory);
        var arpa = Path.Combine(cacheDirectory, $"medical-{hash}.arpa");
        if (!File.Exists(arpa))
        {
            var temporary = arpa + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, KneserNeyTrigram.BuildArpa(sentences));
            File.Move(temporary, arpa, overwrite: true);
        }

        return new PocketSphinxModel
        {
            MedicalLanguageModel = arpa,
            MedicalWeight = medicalWeight,
            ExtraWords = ReadExtraWords(Path.Combine(dataDirectory, "medical.dict")),
        };
    }

    /// <summary>The corpus words the general dictionary lacks, which <c>medical.dict</c> must cover.</summary>
    public static IReadOnlyList<string> MissingWords(string dataDirectory, IReadOnlyDictionary<string, List<string>> general) =>
        ClinicalCorpus.Sentences(dataDirectory)
            .SelectMany(s => s.Split(' '))
            .Where(w => !general.ContainsKey(w))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IReadOnlyList<(string, string)> ReadExtraWords(string path) =>
        File.Exists(path)
            ? File.ReadLines(path)
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => (l[..l.IndexOf(' ')], l[(l.IndexOf(' ') + 1)..].Trim()))
                .ToList()
            : [];
}
