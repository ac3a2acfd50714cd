using MedScribe.Abstractions.Sessions;
using MedScribe.Speech.Vad;

namespace MedScribe.Speech;

/// <summary>
/// A closed stretch of speech ready for an engine: its audio (padded with a little of the pauses around it)
/// and where that audio starts in the session, in samples.
/// </summary>
public sealed record SpeechWindow(long StartSample, short[] Samples)
{
    public long StartMs => StartSample * 1000 / PcmAudio.SampleRate;
}

/// <summary>
/// What <see cref="SpeechSegmenter.Cut"/> decided about a stretch of audio: the windows closed in it, and
/// where the audio still in doubt begins (the utterance still being spoken; it waits for the next audio).
/// </summary>
public sealed record SegmentedAudio(IReadOnlyList<SpeechWindow> Windows, int Kept);

/// <summary>
/// Cuts a session's audio, as it arrives, into windows of speech for the recognizers, the same way for
/// every engine: Silero finds the utterances; an utterance that runs to the end of the audio so far is
/// left open (its audio kept for the next step), so no word is cut by a chunk edge; each closed
/// utterance gets up to 200 ms of the pause on each side (never past halfway to its neighbour, so no
/// word is heard twice). Engines that use context get consecutive utterances together, up to their
/// <see cref="ISpeechRecognizer.Window"/>. Pure and thread-safe: the state between steps is the kept audio.
/// </summary>
public sealed class SpeechSegmenter(SileroVad vad, TimeSpan window)
{
    /// <summary>Pause kept on each side of an utterance, as decoders need a little context.</summary>
    public const int PaddingSamples = PcmAudio.SampleRate / 5;

    private const int Rate = PcmAudio.SampleRate;

    /// <summary>
    /// Segments <paramref name="samples"/>, whose first sample is sample <paramref name="firstSample"/> of
    /// the session. With <paramref name="last"/> everything is closed.
    /// </summary>
    public SegmentedAudio Cut(short[] samples, long firstSample, bool last, CancellationToken cancellationToken = default)
    {
        var segments = vad.Segments(samples, cancellationToken);
        // Silero leaves the last segment open when speech runs to the end of the audio.
        var open = !last && segments.Count > 0 && segments[^1].End >= samples.Length - SileroVad.WindowSamples ? segments[^1] : (SpeechSegment?)null;
        var closed = open is null ? segments : segments.Take(segments.Count - 1).ToList();
        var cut = last ? samples.Length
            : open is { } pending ? Math.Max(closed.Count > 0 ? (closed[^1].End + pending.Start) / 2 : 0, pending.Start - PaddingSamples)
            : closed.Count > 0 ? Math.Min(samples.Length, closed[^1].End + PaddingSamples)
            : Math.Max(0, samples.Length - Rate / 2);
        if (!last)
        {
            // The kept audio starts on Silero's window grid of the whole session, so the next step scores the
            // same windows one pass over the recording would, and finds the same pauses.
            cut -= (int)((firstSample + cut) % SileroVad.WindowSamples);
        }

        var spans = new List<(int From, int To)>();
        var heard = closed.Where(s => s.Start < cut).ToList();
        for (var i = 0; i < heard.Count; i++)
        {
            var previousEnd = i == 0 ? 0 : heard[i - 1].End;
            var nextStart = i == heard.Count - 1 ? cut : heard[i + 1].Start;
            var from = Math.Max(heard[i].Start - PaddingSamples, (previousEnd + heard[i].Start) / 2);
            var to = Math.Min(Math.Min(heard[i].End + PaddingSamples, (heard[i].End + nextStart) / 2), cut);
            if (to > from)
            {
                spans.Add((from, to));
            }
        }

        return new SegmentedAudio(Group(spans).Select(g => new SpeechWindow(firstSample + g.From, samples[g.From..g.To])).ToList(), cut);
    }

    /// <summary>Consecutive utterances together while the window stays within the engine's window (one each for zero).</summary>
    private IEnumerable<(int From, int To)> Group(List<(int From, int To)> spans)
    {
        var limit = (long)(window.TotalSeconds * Rate);
        for (var i = 0; i < spans.Count;)
        {
            var (from, to) = spans[i++];
            while (i < spans.Count && spans[i].To - from <= limit)
            {
                to = spans[i++].To;
            }

            yield return (from, to);
        }
    }

    /// <summary>
    /// A whole recording through the segmenter and an engine, windows recognized in parallel: what the
    /// service does to a session, without the session (for tests and benchmarks).
    /// </summary>
    public async Task<IReadOnlyList<TranscriptSegment>> RecognizeAsync(ISpeechRecognizer recognizer, short[] samples, CancellationToken cancellationToken,
        IReadOnlyList<string>? languages = null)
    {
        var windows = Cut(samples, 0, last: true, cancellationToken).Windows;
        var heard = await Task.WhenAll(windows.Select(async w =>
            (await recognizer.RecognizeAsync(new PcmAudio(w.Samples), languages ?? [], cancellationToken)).Select(u => u.Shift(w.StartMs))));
        return heard.SelectMany(u => u).OrderBy(u => u.StartMs).ToList();
    }
}
