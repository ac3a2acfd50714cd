using System.Threading.Channels;
using MedScribe.Speech.Vad;

namespace MedScribe.Speech.PocketSphinx;

/// <summary>
/// PocketSphinx behind Silero segmentation: silence is never decoded, and utterances are cut on pauses.
/// Decoders are pooled (one per worker, created when first needed, reused for every utterance after);
/// the segments of one recording are decoded in parallel across the pool.
/// </summary>
public sealed class PocketSphinxRecognizer : IStreamingRecognizer, IDisposable
{
    /// <summary>Speech kept on each side of a segment, as the decoder needs a little context.</summary>
    public const int PaddingSamples = PcmAudio.SampleRate / 5;

    private readonly PocketSphinxModel _model;
    private readonly SileroVad _vad;
    private readonly int _workers;
    private readonly Channel<PocketSphinxDecoder> _idle = Channel.CreateUnbounded<PocketSphinxDecoder>();
    private readonly List<PocketSphinxDecoder> _all = [];
    private int _created;

    public PocketSphinxRecognizer(PocketSphinxModel model, SileroVad vad, int workers)
    {
        model.Validate();
        _model = model;
        _vad = vad;
        _workers = Math.Max(1, workers);
    }

    public string Engine => "pocketsphinx";

    /// <summary>The en-us acoustic model and dictionary: English only.</summary>
    public IReadOnlyList<string> Languages { get; } = ["en"];

    /// <summary>Decoders created so far (at most the worker count).</summary>
    public int Decoders => Volatile.Read(ref _created);

    /// <summary>Creates the first decoder now, so the first session does not wait for it.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var decoder = await RentAsync(cancellationToken);
        _idle.Writer.TryWrite(decoder);
    }

    public async Task<IReadOnlyList<RecognizedUtterance>> RecognizeAsync(PcmAudio audio, CancellationToken cancellationToken)
    {
        var segments = await Task.Run(() => Segments(audio.Samples, cancellationToken), cancellationToken);
        return await DecodeAsync(audio.Samples, segments, 0, cancellationToken);
    }

    public IReadOnlyList<SpeechSegment> Segments(short[] samples, CancellationToken cancellationToken) => _vad.Segments(samples, cancellationToken);

    public async Task<IReadOnlyList<RecognizedUtterance>> DecodeAsync(short[] samples, IReadOnlyList<SpeechSegment> segments, double offsetSeconds, CancellationToken cancellationToken)
    {
        var tasks = new Task<RecognizedUtterance?>[segments.Count];
        for (var i = 0; i < segments.Count; i++)
        {
            // Padding reaches at most halfway to the neighbouring segments, so no word is decoded twice.
            var previousEnd = i == 0 ? 0 : segments[i - 1].End;
            var nextStart = i == segments.Count - 1 ? samples.Length : segments[i + 1].Start;
            var from = Math.Max(segments[i].Start - PaddingSamples, (previousEnd + segments[i].Start) / 2);
            var to = Math.Min(segments[i].End + PaddingSamples, (segments[i].End + nextStart) / 2);
            tasks[i] = DecodeAsync(samples, from, to - from, cancellationToken);
        }

        var utterances = (await Task.WhenAll(tasks)).OfType<RecognizedUtterance>();
        return offsetSeconds == 0 ? utterances.ToList() : utterances.Select(u => u.Shift(offsetSeconds)).ToList();
    }

    private async Task<RecognizedUtterance?> DecodeAsync(short[] samples, int offset, int count, CancellationToken cancellationToken)
    {
        var decoder = await RentAsync(cancellationToken);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await Task.Run(() => decoder.Decode(samples, offset, count), CancellationToken.None);
        }
        finally
        {
            _idle.Writer.TryWrite(decoder);
        }
    }

    private async Task<PocketSphinxDecoder> RentAsync(CancellationToken cancellationToken)
    {
        if (_idle.Reader.TryRead(out var idle))
        {
            return idle;
        }

        if (Interlocked.Increment(ref _created) <= _workers)
        {
            try
            {
                var decoder = await Task.Run(() => new PocketSphinxDecoder(_model), cancellationToken);
                lock (_all)
                {
                    _all.Add(decoder);
                }

                return decoder;
            }
            catch
            {
                Interlocked.Decrement(ref _created);
                throw;
            }
        }

        Interlocked.Decrement(ref _created);
        return await _idle.Reader.ReadAsync(cancellationToken);
    }

    public void Dispose()
    {
        _idle.Writer.TryComplete();
        lock (_all)
        {
            foreach (var decoder in _all)
            {
                decoder.Dispose();
            }

            _all.Clear();
        }
    }
}
