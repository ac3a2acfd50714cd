using MedScribe.Clinical;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>The spoken benchmarks' scripts, kept (git-ignored) under <c>.cache/</c> so their audio and transcripts are cached by content.</summary>
internal static class SpokenScripts
{
    /// <summary>Writes <paramref name="text"/> as <c>.cache/{folder}/{name}.txt</c> unless it already says that; returns the path.</summary>
    public static string Save(string folder, string name, string text)
    {
        var directory = Path.Combine(RepositoryRoot.Find(), ".cache", folder);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".txt");
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }

        return path;
    }

    /// <summary>Each "D: …" / "P: …" line starting with a capital letter, as a transcript's sentences do.</summary>
    public static string Capitalised(string turns) =>
        string.Join('\n', turns.Split('\n').Select(t => t[..3] + char.ToUpperInvariant(t[3]) + t[4..]));

    /// <summary>The recogniser's lines heard while <paramref name="turn"/> was said.</summary>
    public static IReadOnlyList<Utterance> Heard(ClinicalTranscript transcript, ConsultTurn turn) =>
        transcript.Utterances.Where(u => u.EndMs > turn.Start * 1000 && u.StartMs < turn.End * 1000).ToList();

    /// <summary>What was heard while <paramref name="turn"/> was said, as one line.</summary>
    public static string HeardText(ClinicalTranscript transcript, ConsultTurn turn) => string.Join(" / ", Heard(transcript, turn).Select(u => u.Text));
}
