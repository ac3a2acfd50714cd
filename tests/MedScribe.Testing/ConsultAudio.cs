using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MedScribe.Testing;

/// <summary>One scripted turn and where it sits in the synthesized recording.</summary>
public sealed record ConsultTurn(string Speaker, string Text, double Start, double End);

/// <summary>A test consult spoken by festival: 16 kHz mono WAV plus the timeline of its turns.</summary>
public sealed record ConsultRecording(string Id, string WavPath, IReadOnlyList<ConsultTurn> Turns)
{
    /// <summary>What was said, for word error rates.</summary>
    public string Reference => string.Join('\n', Turns.Select(t => t.Text));

    public double Seconds => Turns.Count == 0 ? 0 : Turns[^1].End + ConsultAudio.GapSeconds;
}

/// <summary>
/// Speaks the consult scripts of <c>../shared/testdata/consults</c> with Debian's festival: the doctor
/// with <c>voice_kal_diphone</c>, the patient with <c>voice_cmu_us_slt_arctic_hts</c>, half a second
/// between turns. Generated at test time and cached (git-ignored) in <c>.cache/consult-audio</c>.
/// </summary>
public static class ConsultAudio
{
    public const double GapSeconds = 0.5;
    private const int Rate = 16000;
    private const string Version = "festival-v1";
    private static readonly SemaphoreSlim Gate = new(1);

    /// <summary>
    /// The consults read while writing the clinical extractor's rules and lexicons: 01–08 from the start, 09–16
    /// for issue 22. Tests assert exactly on these; every other shared consult (17–20) is unseen, and the
    /// extraction benchmark reports it apart.
    /// </summary>
    public static IReadOnlyList<string> RulesWrittenAgainst { get; } =
    [
        "01-stable-angina-hypertension", "02-diabetes-metformin-increase", "03-pediatric-otitis-media", "04-asthma-exacerbation",
        "05-low-back-pain", "06-depression-sertraline", "07-uti-sulfa-allergy", "08-afib-anticoagulation",
        "09-osteoporosis-weekly-alendronate", "10-ckd-diabetes-interpreter-son", "11-rheumatoid-arthritis-methotrexate-injection",
        "12-plaque-psoriasis-topicals", "13-geriatric-falls-deprescribing", "14-prenatal-twenty-eight-weeks-glucose-screen",
        "15-urgent-care-ankle-sprain", "16-bipolar-lithium-telehealth",
    ];

    public static string ConsultsDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), "..", "shared", "testdata", "consults"));

    /// <summary>The consult scripts, in order.</summary>
    public static IReadOnlyList<string> Scripts() => Directory.GetFiles(ConsultsDirectory, "*.txt").Order(StringComparer.Ordinal).ToList();

    public static async Task<ConsultRecording> GetAsync(string scriptPath, CancellationToken cancellationToken = default)
    {
        var script = await File.ReadAllTextAsync(scriptPath, cancellationToken);
        var id = Path.GetFileNameWithoutExtension(scriptPath);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Version + script)))[..12];
        var directory = Path.Combine(RepositoryRoot.Find(), ".cache", "consult-audio");
        var wav = Path.Combine(directory, $"{id}-{key}.wav");
        var timeline = Path.ChangeExtension(wav, ".json");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(wav) || !File.Exists(timeline))
            {
                Directory.CreateDirectory(directory);
                var (samples, turns) = await SynthesizeAsync(script, cancellationToken);
                // Test assemblies run in parallel processes and may synthesize the same consult at once:
                // each writes its own temporary files and moves them into place whole.
                var temporary = $".{Environment.ProcessId}.tmp";
                await File.WriteAllBytesAsync(wav + temporary, TestAudio.WavFromSamples(samples), cancellationToken);
                await File.WriteAllTextAsync(timeline + temporary, JsonSerializer.Serialize(turns), cancellationToken);
                File.Move(timeline + temporary, timeline, overwrite: true);
                File.Move(wav + temporary, wav, overwrite: true);
            }

            return new ConsultRecording(id, wav, JsonSerializer.Deserialize<List<ConsultTurn>>(await File.ReadAllTextAsync(timeline, cancellationToken))!);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// About a minute of consult 06 (the sertraline increase, melatonin, vitals, the follow-up): enough for a
    /// whole note, short enough to play in real time through a browser's microphone.
    /// </summary>
    /// <summary>The first <paramref name="seconds"/> of a consult's recording as 16 kHz samples.</summary>
    public static async Task<short[]> SamplesAsync(int script, int seconds, CancellationToken cancellationToken = default)
    {
        var consult = await GetAsync(Scripts()[script], cancellationToken);
        var wav = await File.ReadAllBytesAsync(consult.WavPath, cancellationToken);
        var samples = new short[Math.Min(seconds * 16000, (wav.Length - 44) / 2)];
        Buffer.BlockCopy(wav, 44, samples, 0, samples.Length * 2);
        return samples;
    }

    public static async Task<ConsultRecording> ShortConsultAsync(string name, CancellationToken cancellationToken = default)
    {
        var consult = await GetAsync(Scripts().Single(s => s.Contains("06-depression-sertraline", StringComparison.Ordinal)), cancellationToken);
        int[] turns = [0, 1, 2, 3, 19, 21, 25, 29];
        return await ExcerptAsync(consult, (_, i) => turns.Contains(i), name, cancellationToken);
    }

    /// <summary>
    /// A shorter recording of the turns <paramref name="keep"/> picks (by index), half a second apart, written
    /// beside the cache as a 16 kHz mono WAV: for tests that must play audio in real time.
    /// </summary>
    public static async Task<ConsultRecording> ExcerptAsync(ConsultRecording recording, Func<ConsultTurn, int, bool> keep, string name, CancellationToken cancellationToken = default)
    {
        var wav = await File.ReadAllBytesAsync(recording.WavPath, cancellationToken);
        var samples = new short[(wav.Length - 44) / 2];
        Buffer.BlockCopy(wav, 44, samples, 0, samples.Length * 2);
        var gap = (int)(GapSeconds * Rate);
        var all = new List<short>(new short[gap]);
        var turns = new List<ConsultTurn>();
        foreach (var (turn, index) in recording.Turns.Select((t, i) => (t, i)).Where(p => keep(p.t, p.i)))
        {
            var start = all.Count / (double)Rate;
            all.AddRange(samples.AsSpan((int)(turn.Start * Rate), (int)((turn.End - turn.Start) * Rate)).ToArray());
            turns.Add(turn with { Start = start, End = all.Count / (double)Rate });
            all.AddRange(new short[gap]);
        }

        var path = Path.Combine(Path.GetDirectoryName(recording.WavPath)!, $"{recording.Id}-{name}.wav");
        await File.WriteAllBytesAsync(path + $".{Environment.ProcessId}.tmp", TestAudio.WavFromSamples([.. all]), cancellationToken);
        File.Move(path + $".{Environment.ProcessId}.tmp", path, overwrite: true);
        return new ConsultRecording($"{recording.Id}-{name}", path, turns);
    }

    private static async Task<(short[] Samples, List<ConsultTurn> Turns)> SynthesizeAsync(string script, CancellationToken cancellationToken)
    {
        var lines = script.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Length > 3 && l[1] == ':')
            .Select(l => (Speaker: l[0] == 'D' ? "Doctor" : "Patient", Text: l[2..].Trim()))
            .ToList();
        var spoken = new short[lines.Count][];
        await Parallel.ForEachAsync(Enumerable.Range(0, lines.Count), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            async (i, ct) => spoken[i] = await SpeakAsync(lines[i].Text, lines[i].Speaker == "Doctor" ? "(voice_kal_diphone)" : "(voice_cmu_us_slt_arctic_hts)", ct));

        var gap = (int)(GapSeconds * Rate);
        var all = new List<short>();
        var turns = new List<ConsultTurn>();
        all.AddRange(new short[gap]);
        for (var i = 0; i < lines.Count; i++)
        {
            var start = all.Count / (double)Rate;
            all.AddRange(spoken[i]);
            turns.Add(new ConsultTurn(lines[i].Speaker, lines[i].Text, start, all.Count / (double)Rate));
            all.AddRange(new short[gap]);
        }

        return (all.ToArray(), turns);
    }

    private static async Task<short[]> SpeakAsync(string text, string voice, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("medscribe-festival-");
        try
        {
            var input = Path.Combine(folder.FullName, "turn.txt");
            var raw = Path.Combine(folder.FullName, "turn.wav");
            await File.WriteAllTextAsync(input, text, cancellationToken);
            await RunAsync("text2wave", ["-eval", voice, input, "-o", raw], cancellationToken);
            var pcm = await RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", raw, "-ac", "1", "-ar", Rate.ToString(), "-f", "s16le", "pipe:1"], cancellationToken);
            var samples = new short[pcm.Length / 2];
            Buffer.BlockCopy(pcm, 0, samples, 0, samples.Length * 2);
            // Peak-normalise to -3 dBFS, as a recording level would.
            var peak = samples.Length == 0 ? 1 : samples.Max(s => Math.Abs((int)s));
            var gain = 32767 * 0.708 / Math.Max(peak, 1);
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (short)Math.Clamp(samples[i] * gain, short.MinValue, short.MaxValue);
            }

            return samples;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<byte[]> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await Task.WhenAll(copy, error, process.WaitForExitAsync(cancellationToken));
        return process.ExitCode == 0
            ? output.ToArray()
            : throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error} (install festival, festvox-kallpc16k, festvox-us-slt-hts and ffmpeg; scripts/setup.sh does)");
    }
}
