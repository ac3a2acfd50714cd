using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MedScribe.Speech.Vad;

/// <summary>A stretch of speech, in samples.</summary>
public readonly record struct SpeechSegment(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Voice-activity segmentation with the Silero VAD v5 model (the ONNX file shipped in the npm package
/// <c>@ricky0123/vad-web</c>) through ONNX Runtime. Speech starts above 0.5 and ends after 300 ms
/// below 0.35; segments shorter than 250 ms are dropped. Thread-safe: each call keeps its own state.
/// </summary>
public sealed class SileroVad : IDisposable
{
    /// <summary>Samples per window the model scores (32 ms).</summary>
    public const int WindowSamples = 512;

    private const int Context = 64;
    private const float OnThreshold = 0.5f;
    private const float OffThreshold = 0.35f;
    private const int MinSilenceSamples = PcmAudio.SampleRate * 3 / 10;
    private const int MinSpeechSamples = PcmAudio.SampleRate / 4;

    private readonly InferenceSession _session;

    public SileroVad(string modelPath)
    {
        if (!File.Exists(modelPath))
        {
            throw new PocketSphinx.SpeechEngineException($"The Silero VAD model '{modelPath}' is missing; scripts/setup.sh installs it (npm ci in speech/).");
        }

        _session = new InferenceSession(modelPath, new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
    }

    /// <summary>Speech probability per 32 ms window.</summary>
    public float[] Probabilities(short[] samples, CancellationToken cancellationToken = default)
    {
        var windows = samples.Length / WindowSamples;
        var probabilities = new float[windows];
        var state = new DenseTensor<float>([2, 1, 128]);
        var rate = new DenseTensor<long>(new long[] { PcmAudio.SampleRate }, [1]);
        var input = new DenseTensor<float>([1, Context + WindowSamples]);
        for (var w = 0; w < windows; w++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = w * WindowSamples;
            for (var i = 0; i < Context + WindowSamples; i++)
            {
                var at = offset - Context + i;
                input[0, i] = at < 0 ? 0 : samples[at] / 32768f;
            }

            using var results = _session.Run(
            [
                NamedOnnxValue.CreateFromTensor("input", input),
                NamedOnnxValue.CreateFromTensor("state", state),
                NamedOnnxValue.CreateFromTensor("sr", rate),
            ]);
            var outputs = results.ToArray();
            probabilities[w] = outputs[0].AsTensor<float>().GetValue(0);
            state = (DenseTensor<float>)outputs[1].AsTensor<float>().Clone();
        }

        return probabilities;
    }

    /// <summary>The speech segments of a recording, in order.</summary>
    public IReadOnlyList<SpeechSegment> Segments(short[] samples, CancellationToken cancellationToken = default) =>
        Segment(Probabilities(samples, cancellationToken), samples.Length);

    /// <summary>Turns window probabilities into segments (hysteresis, minimum silence and speech lengths).</summary>
    public static IReadOnlyList<SpeechSegment> Segment(float[] probabilities, int sampleCount)
    {
        var segments = new List<SpeechSegment>();
        var start = -1;
        var silent = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] > OnThreshold)
            {
                start = start < 0 ? i : start;
                silent = 0;
            }
            else if (start >= 0 && probabilities[i] < OffThreshold && ++silent * WindowSamples >= MinSilenceSamples)
            {
                Add(start * WindowSamples, (i - silent + 1) * WindowSamples);
                start = -1;
                silent = 0;
            }
        }

        if (start >= 0)
        {
            Add(start * WindowSamples, sampleCount);
        }

        return segments;

        void Add(int from, int to)
        {
            if (to - from >= MinSpeechSamples)
            {
                segments.Add(new SpeechSegment(from, Math.Min(to, sampleCount)));
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
