using System.Threading.Channels;
using MedScribe.Abstractions.Sessions;

namespace MedScribe.Speech.PocketSphinx;

/// <summary>
/// PocketSphinx: each window (one utterance cut by the <see cref="SpeechSegmenter"/>) is decoded as one
/// utterance. Decoders are pooled (one per worker, created when first needed, reused for every utterance
/// after); calls beyond the pool wait for a decoder.
/// </summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDisposable
{
    private readonly PocketSphinxModel _model;
    private readonly int _workers;
    private readonly Channel<PocketSphinxDecoder> _idle = Channel.CreateUnbounded<PocketSphinxDecoder>();
    private readonly List<PocketSphinxDecoder> _all = [];
    private int _created;

    public PocketSphinxRecognizer(PocketSphinxModel model, int workers)
    {
        model.Validate();
        _model = model;
        _workers = Math.Max(1, workers);
    }

    public string Engine => "pocketsphinx";

    /// <summary>The en-us acoustic model and dictionary: English only.</summary>
    public IReadOnlyList<string> Languages { get; } = ["en"];

    /// <summary>One utterance at a time: the decoder gains nothing from more context, and utterances decode in parallel.</summary>
    public TimeSpan Window => TimeSpan.Zero;

    /// <summary>Decoders created so far (at most the worker count).</summary>
    public int Decoders => Volatile.Read(ref _created);

    /// <summary>Creates the first decoder now, so the first session does not wait for it.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var decoder = await RentAsync(cancellationToken);
        _idle.Writer.TryWrite(decoder);
    }

    public async Task<IReadOnlyList<TranscriptSegment>> RecognizeAsync(PcmAudio audio, IReadOnlyList<string> languages, CancellationToken cancellationToken) =>
        await DecodeAsync(audio.Samples, 0, audio.Samples.Length, cancellationToken) is { } utterance ? [utterance] : [];

    private async Task<TranscriptSegment?> DecodeAsync(short[] samples, int offset, int count, CancellationToken cancellationToken)
    {
        var decoder = await RentAsync(cancellationToken);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A decode holds its thread for a second or more of native work: a thread of its own, not the pool's
            // (on two cores, two pooled decodes starved the silo's own work: Orleans reported thread-pool delays).
            return await Task.Factory.StartNew(() => decoder.Decode(samples, offset, count), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
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
