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

    /// <summary>Names the cached language model with the corpus's hash; bump it when the estimator changes.</summary>
    private const int LanguageModelVersion = 2;

    public static string DefaultDataDirectory => Path.Combine(AppContext.BaseDirectory, "speech-data");

    /// <summary>
    /// How many of the general model's most likely words the dictionary keeps besides the corpus's own.
    /// Measured on the eight festival consults (bench speech): 40,000 words decode with two thirds of the
    /// CPU of the whole 134,000-word dictionary and a slightly lower WER, since rare words no longer
    /// compete with common ones; 20,000 dropped too many everyday words.
    /// </summary>
    public const int DefaultGeneralVocabulary = 40_000;

    /// <summary>
    /// The medical model from <paramref name="dataDirectory"/>, its files cached in <paramref name="cacheDirectory"/>;
    /// <paramref name="generalVocabulary"/> general words are kept besides the corpus's (0 keeps the whole dictionary).
    /// </summary>
    public static PocketSphinxModel Prepare(string dataDirectory, string cacheDirectory, float medicalWeight, int generalVocabulary = DefaultGeneralVocabulary)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generalVocabulary);
        if (!File.Exists(Path.Combine(dataDirectory, "clinical-corpus.txt")))
        {
            throw new SpeechEngineException($"The speech data folder '{dataDirectory}' lacks clinical-corpus.txt (Speech:DataDirectory).");
        }

        var sentences = ClinicalCorpus.Sentences(dataDirectory);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', sentences))))[..16];
        Directory.CreateDirectory(cacheDirectory);
        var arpa = Path.Combine(cacheDirectory, $"medical-{LanguageModelVersion}-{hash}.arpa");
        if (!File.Exists(arpa))
        {
            var temporary = arpa + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, KneserNeyTrigram.BuildArpa(sentences));
            File.Move(temporary, arpa, overwrite: true);
        }

        var defaults = new PocketSphinxModel();
        var general = defaults.Dictionary;
        var dictionary = File.Exists(general) ? WithDroppedG(general, Path.Combine(cacheDirectory, $"dictionary-{DictionaryVersion}-{new FileInfo(general).Length}.dict")) : general;
        if (generalVocabulary > 0 && File.Exists(general) && File.Exists(defaults.GeneralLanguageModel))
        {
            var limited = Path.Combine(cacheDirectory, $"dictionary-{DictionaryVersion}-{new FileInfo(general).Length}-{generalVocabulary}-{hash}.dict");
            dictionary = Limited(dictionary, defaults.GeneralLanguageModel, generalVocabulary, sentences, limited);
        }

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

    /// <summary>
    /// The dictionary cut to the general model's <paramref name="count"/> most likely words (by unigram
    /// probability) and every word of the corpus's <paramref name="sentences"/>, written once to
    /// <paramref name="path"/>. PocketSphinx searches every dictionary word the language models know, so
    /// a smaller dictionary is a smaller search.
    /// </summary>
    internal static unsafe string Limited(string dictionary, string generalLanguageModel, int count, IEnumerable<string> sentences, string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var lines = File.ReadLines(dictionary).Where(l => l.Length > 0).ToList();
        PocketSphinxDecoder.SilenceLog();
        var logmath = PocketSphinxNative.logmath_init(1.0001, 0, 0);
        var model = PocketSphinxNative.ngram_model_read(IntPtr.Zero, generalLanguageModel, 0, logmath);
        if (model == IntPtr.Zero)
        {
            PocketSphinxNative.logmath_free(logmath);
            throw new SpeechEngineException($"PocketSphinx could not read the general language model '{generalLanguageModel}'.");
        }

        HashSet<string> kept;
        try
        {
            var unknown = PocketSphinxNative.ngram_unknown_wid(model);
            var scored = new List<(string Word, int Score)>();
            foreach (var word in lines.Select(Pronunciations.WordOf).Distinct(StringComparer.Ordinal))
            {
                var wid = PocketSphinxNative.ngram_wid(model, word);
                if (wid != unknown && wid >= 0)
                {
                    scored.Add((word, PocketSphinxNative.ngram_ng_score(model, wid, null, 0, out _)));
                }
            }

            kept = scored.OrderByDescending(w => w.Score).ThenBy(w => w.Word, StringComparer.Ordinal).Take(count).Select(w => w.Word).ToHashSet(StringComparer.Ordinal);
        }
        finally
        {
            PocketSphinxNative.ngram_model_free(model);
            PocketSphinxNative.logmath_free(logmath);
        }

        kept.UnionWith(sentences.SelectMany(s => s.Split(' ')));
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        File.WriteAllLines(temporary, lines.Where(l => kept.Contains(Pronunciations.WordOf(l))));
        File.Move(temporary, path, overwrite: true);
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
