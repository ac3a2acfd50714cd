namespace MedScribe.Testing;

/// <summary>Test audio made at test time.</summary>
public static class TestAudio
{
    /// <summary>A 16 kHz mono 16-bit PCM WAV file of silence with a faint tone.</summary>
    public static byte[] Wav(double seconds)
    {
        var samples = (int)(16000 * seconds);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8); writer.Write(36 + samples * 2); writer.Write("WAVE"u8);
        writer.Write("fmt "u8); writer.Write(16); writer.Write((short)1); writer.Write((short)1);
        writer.Write(16000); writer.Write(32000); writer.Write((short)2); writer.Write((short)16);
        writer.Write("data"u8); writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(300 * Math.Sin(2 * Math.PI * 440 * i / 16000)));
        }

        return stream.ToArray();
    }

    /// <summary>A 16 kHz mono 16-bit PCM WAV file holding <paramref name="samples"/>.</summary>
    public static byte[] WavFromSamples(short[] samples)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8); writer.Write(36 + samples.Length * 2); writer.Write("WAVE"u8);
        writer.Write("fmt "u8); writer.Write(16); writer.Write((short)1); writer.Write((short)1);
        writer.Write(16000); writer.Write(32000); writer.Write((short)2); writer.Write((short)16);
        writer.Write("data"u8); writer.Write(samples.Length * 2);
        foreach (var sample in samples)
        {
            writer.Write(sample);
        }

        writer.Flush();
        return stream.ToArray();
    }
}
