using System.Text;

namespace MedScribe.Testing;

/// <summary>
/// Writes a small ggml Whisper model with random weights, in the format whisper.cpp 1.8.5 loads (see
/// shared/notes/whisper-net.md §2–4): every tensor of a 1 + 1 layer model, Slaney mel filters, a byte-level
/// vocabulary with the single-space token. Its text is meaningless, but loading, the 30-s windows,
/// timestamps, language detection, concurrency and every refusal run the real native code.
/// </summary>
public static class WhisperTestModel
{
    public const int EnglishVocabulary = 51864;
    public const int MultilingualVocabulary = 51865;

    private static readonly Lock Gate = new();

    /// <summary>
    /// The model in the shared temp folder, written once per shape (≈ 8 MB for width 64 and one layer each;
    /// width 384, 6 heads and 4 + 4 layers is the tiny model's shape, 78 MB, for realistic encoder costs).
    /// </summary>
    public static string Path(int vocabulary = EnglishVocabulary, int width = 64, int heads = 2, int layers = 1)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "medscribe-whisper-test", $"ggml-random-v{vocabulary}-s{width}-h{heads}-l{layers}.bin");
        lock (Gate)
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                var temporary = path + "." + Guid.NewGuid().ToString("N")[..8];
                File.WriteAllBytes(temporary, Write(vocabulary, width, heads, textLayers: layers, audioLayers: layers));
                File.Move(temporary, path, overwrite: true);
            }
        }

        return path;
    }

    /// <summary>The model's bytes; the optional arguments damage it the ways whisper.cpp cannot survive, to test refusals.</summary>
    public static byte[] Write(int vocabulary = EnglishVocabulary, int width = 64, int heads = 2, int seed = 7,
        int fileType = 1, bool withSpace = true, int textLayers = 1, int convType = 1, int audioLayers = 1)
    {
        var random = new Random(seed);
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        const int audioContext = 1500, textContext = 448, mels = 80, fft = 201;
        foreach (var v in new[] { 0x67676d6c, vocabulary, audioContext, width, heads, audioLayers, textContext, width, heads, textLayers, mels, fileType })
        {
            w.Write(v);
        }

        w.Write(mels);
        w.Write(fft);
        foreach (var f in SlaneyMel(mels, fft))
        {
            w.Write(f);
        }

        var textTokens = vocabulary == EnglishVocabulary ? 50256 : 50257;
        w.Write(textTokens);
        for (var i = 0; i < textTokens; i++)
        {
            byte[] token = i < 256 ? [(byte)(withSpace || i != ' ' ? i : '!')] : Encoding.ASCII.GetBytes($" w{i}");
            w.Write(token.Length);
            w.Write(token);
        }

        void Tensor(string name, int[] shape, char kind, int? type = null)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            var half = type is { } t ? t == 1 : kind == 'w';
            w.Write(shape.Length);
            w.Write(bytes.Length);
            w.Write(half ? 1 : 0);
            foreach (var d in shape)
            {
                w.Write(d);
            }

            w.Write(bytes);
            var count = shape.Aggregate(1L, (a, d) => a * d);
            for (long i = 0; i < count; i++)
            {
                var x = kind switch { '1' => 1f, '0' => 0f, _ => (random.NextSingle() * 2 - 1) * 0.035f };
                if (half)
                {
                    w.Write((Half)x);
                }
                else
                {
                    w.Write(x);
                }
            }
        }

        var s = width;
        Tensor("encoder.positional_embedding", [s, audioContext], 'r');
        Tensor("encoder.conv1.weight", [3, mels, s], 'w', convType);
        Tensor("encoder.conv1.bias", [1, s], '0');
        Tensor("encoder.conv2.weight", [3, s, s], 'w', convType);
        Tensor("encoder.conv2.bias", [1, s], '0');
        Tensor("encoder.ln_post.weight", [s], '1');
        Tensor("encoder.ln_post.bias", [s], '0');
        void Norm(string prefix)
        {
            Tensor(prefix + ".weight", [s], '1');
            Tensor(prefix + ".bias", [s], '0');
        }

        void Attention(string prefix)
        {
            foreach (var part in new[] { "query", "key", "value", "out" })
            {
                Tensor($"{prefix}.{part}.weight", [s, s], 'w');
                if (part != "key")
                {
                    Tensor($"{prefix}.{part}.bias", [s], '0');
                }
            }
        }

        void Mlp(string prefix)
        {
            Tensor(prefix + ".mlp.0.weight", [s, 4 * s], 'w');
            Tensor(prefix + ".mlp.0.bias", [4 * s], '0');
            Tensor(prefix + ".mlp.2.weight", [4 * s, s], 'w');
            Tensor(prefix + ".mlp.2.bias", [s], '0');
        }

        for (var i = 0; i < audioLayers; i++)
        {
            var p = $"encoder.blocks.{i}";
            Norm(p + ".attn_ln");
            Norm(p + ".mlp_ln");
            Attention(p + ".attn");
            Mlp(p);
        }

        Tensor("decoder.positional_embedding", [s, textContext], 'r');
        Tensor("decoder.token_embedding.weight", [s, vocabulary], 'w');
        Norm("decoder.ln");
        for (var i = 0; i < textLayers; i++)
        {
            var p = $"decoder.blocks.{i}";
            Norm(p + ".attn_ln");
            Norm(p + ".cross_attn_ln");
            Norm(p + ".mlp_ln");
            Attention(p + ".attn");
            Attention(p + ".cross_attn");
            Mlp(p);
        }

        w.Flush();
        return stream.ToArray();
    }

    /// <summary>Slaney-style mel filters (librosa's default) for 16 kHz and a 400-point FFT, band-major.</summary>
    private static float[] SlaneyMel(int bands, int bins)
    {
        static double Mel(double f) => f < 1000 ? f / (200.0 / 3) : 15 + Math.Log(f / 1000) / (Math.Log(6.4) / 27);
        static double Hz(double m) => m < 15 ? m * (200.0 / 3) : 1000 * Math.Exp((m - 15) * (Math.Log(6.4) / 27));
        var top = Mel(8000);
        var edges = Enumerable.Range(0, bands + 2).Select(i => Hz(top * i / (bands + 1))).ToArray();
        var filters = new float[bands * bins];
        for (var b = 0; b < bands; b++)
        {
            for (var k = 0; k < bins; k++)
            {
                var f = k * 40.0;
                var rise = (f - edges[b]) / (edges[b + 1] - edges[b]);
                var fall = (edges[b + 2] - f) / (edges[b + 2] - edges[b + 1]);
                filters[b * bins + k] = (float)(Math.Max(0, Math.Min(rise, fall)) * 2 / (edges[b + 2] - edges[b]));
            }
        }

        return filters;
    }
}
