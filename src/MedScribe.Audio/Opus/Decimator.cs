namespace MedScribe.Audio.Opus;

/// <summary>
/// 48 kHz → 16 kHz: a linear-phase low-pass FIR (Kaiser-windowed sinc, 7.6 kHz cut-off, 127 taps) evaluated at
/// every third input sample, centred, so the output is not delayed. The output lags the input by the
/// filter's half-length (21 samples at 16 kHz) until <see cref="Flush"/> at the end of the stream. Its
/// whole state is the last 127 input samples and two counters.
/// </summary>
internal sealed class Decimator
{
    private const int Taps = 127;
    private const int Half = Taps / 2;
    private static readonly float[] Filter = Design();

    /// <summary>The input as floats, so a full window is one vectorized dot product.</summary>
    private readonly float[] _history = new float[8192];
    private int _held;
    private long _received;
    private long _emitted;

    public void Push(ReadOnlySpan<short> input, List<short> output)
    {
        while (!input.IsEmpty)
        {
            if (_held == _history.Length)
            {
                // Keep only what the next outputs can still reach.
                var keep = Taps;
                Array.Copy(_history, _held - keep, _history, 0, keep);
                _held = keep;
            }

            var take = Math.Min(input.Length, _history.Length - _held);
            for (var i = 0; i < take; i++)
            {
                _history[_held + i] = input[i];
            }

            _held += take;
            _received += take;
            input = input[take..];
            // Output m is centred on input 3m and needs the inputs up to 3m + Half.
            while (3 * _emitted + Half < _received)
            {
                output.Add(Compute(3 * _emitted));
                _emitted++;
            }
        }
    }

    /// <summary>The end of the stream: the outputs still waiting for inputs that will never come (taken as zero).</summary>
    public void Flush(List<short> output)
    {
        while (3 * _emitted < _received)
        {
            output.Add(Compute(3 * _emitted));
            _emitted++;
        }
    }

    public void Reset()
    {
        _held = 0;
        _received = 0;
        _emitted = 0;
    }

    private short Compute(long center)
    {
        // _history holds inputs [_received - _held, _received). Whether the whole window is there depends only
        // on the stream position, so a restored decimator takes the same path as one that never stopped.
        var first = _received - _held;
        float sum;
        if (center - Half >= 0 && center + Half < _received)
        {
            sum = Dot(_history.AsSpan((int)(center - Half - first), Taps), Filter);
        }
        else
        {
            sum = 0f;
            for (var k = -Half; k <= Half; k++)
            {
                var index = center + k;
                if (index >= 0 && index < _received)
                {
                    sum += Filter[k + Half] * _history[index - first];
                }
            }
        }

        return (short)Math.Clamp(MathF.Round(sum), short.MinValue, short.MaxValue);
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var width = System.Numerics.Vector<float>.Count;
        var sums = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sums += new System.Numerics.Vector<float>(a[i..]) * new System.Numerics.Vector<float>(b[i..]);
        }

        var sum = System.Numerics.Vector.Sum(sums);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static float[] Design()
    {
        const double cutoff = 7600.0 / 48000.0;
        var taps = new double[Taps];
        for (var n = 0; n < Taps; n++)
        {
            var x = n - Half;
            var sinc = x == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            var window = Kaiser(2.0 * n / (Taps - 1) - 1, 8.0);
            taps[n] = sinc * window;
        }

        var gain = taps.Sum();
        return taps.Select(t => (float)(t / gain)).ToArray();
    }

    private static double Kaiser(double x, double beta) => BesselI0(beta * Math.Sqrt(1 - x * x)) / BesselI0(beta);

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (var k = 1; k < 50; k++)
        {
            term *= x / (2 * k) * (x / (2 * k));
            sum += term;
        }

        return sum;
    }

    public void Save(BinaryWriter writer)
    {
        var kept = Math.Min(_held, Taps);
        writer.Write(kept);
        for (var i = _held - kept; i < _held; i++)
        {
            writer.Write((short)_history[i]);
        }

        writer.Write(_received);
        writer.Write(_emitted);
    }

    public void Restore(BinaryReader reader)
    {
        _held = reader.ReadInt32();
        for (var i = 0; i < _held; i++)
        {
            _history[i] = reader.ReadInt16();
        }

        _received = reader.ReadInt64();
        _emitted = reader.ReadInt64();
    }
}
