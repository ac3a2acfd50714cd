using System.Security.Cryptography;
using System.Text;
using MedScribe.Speech.LanguageModel;

namespace MedScribe.Speech.PocketSphinx;

/// <summary>
/// Prepares the medical model from the data files copied beside the binaries (<c>speech-data/</c>):
/// the trigram model is built from the corpus at start-up (a fraction of a second) into a cache file
/// named by the corpus's hash, the pronunciations of words the general dictionary lacks come from
/// <c>medical.dict</c>, and "-ing" words also get their g-dropped pronunciations.
/// </summary>
public static class MedicalSpeechModel
{
    /// <summary>Names the cached dictionary file; bump it when the alternates change.</summary>
    private const int DictionaryVersion = 3;

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

        var general = new PocketSphinxModel().Dictionary;
        var dictionary = File.Exists(general) ? WithDroppedG(general, Path.Combine(cacheDirectory, $"dictionary-{DictionaryVersion}-{new FileInfo(general).Length}.dict")) : general;
        return new PocketSphinxModel
        {
            Dictionary = dictionary,
            MedicalLanguageModel = arpa,
            MedicalWeight = medicalWeight,
            ExtraWords = ReadExtraWords(Path.Combine(dataDirectory, "medical.dict")),
        };
    }

    /// <summary>
    /// The general dictionary plus the g-dropped "-in'" pronunciations of its "-ing" words, written once to
    /// <paramref name="path"/> (named by the general dictionary's size).
    /// </summary>
    private static string WithDroppedG(string general, string path)
    {
        if (!File.Exists(path))
        {
            var words = Pronunciations.ReadDictionary(general);
            var alternates = Pronunciations.DroppedGAlternates(words, words.Keys);
            var temporary = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllLines(temporary, File.ReadLines(general).Where(l => l.Length > 0).Concat(alternates));
            File.Move(temporary, path, overwrite: true);
        }

        return path;
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
