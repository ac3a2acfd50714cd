using System.Text;
using MedScribe.Speech.PocketSphinx;

namespace MedScribe.Speech.Whisper;

/// <summary>A checked ggml Whisper model file and what it declares.</summary>
public sealed record WhisperModelInfo(
    string Path,
    int Vocabulary,
    int AudioState,
    int AudioLayers,
    int TextLayers,
    int Mels,
    int FileType,
    int Tensors,
    long Bytes)
{
    /// <summary>English-only models have 51,864 ids; multilingual ones 51,865 (99 languages) or 51,866 (v3, 100).</summary>
    public bool Multilingual => Vocabulary > WhisperModelFile.EnglishVocabulary;

    /// <summary>Languages the model transcribes: Whisper's first 99 (or 100 for v3), or English alone.</summary>
    public int LanguageCount => Vocabulary switch { WhisperModelFile.EnglishVocabulary => 1, WhisperModelFile.EnglishVocabulary + 1 => 99, _ => 100 };

    /// <summary>The end-of-text id: tokens from here on are special (language, task, timestamps).</summary>
    public int EndOfText => Multilingual ? 50257 : 50256;

    /// <summary>Whisper's name for the size (from the encoder's depth), as whisper.cpp logs it.</summary>
    public string Size => AudioLayers switch { 4 => "tiny", 6 => "base", 12 => "small", 24 => "medium", 32 => "large", _ => $"{AudioLayers}-layer" };
}

/// <summary>
/// Reads and checks a ggml Whisper model before whisper.cpp sees it. whisper.cpp reports a bad file only
/// when a processor is built, and some malformed files (a vocabulary without the token <c>" "</c>,
/// convolution weights that are not f16, fewer ids than the timestamp range) abort the whole process, so
/// every one of those is refused here with the reason. The tensors' headers are walked too, so a
/// truncated download is caught with its size.
/// </summary>
public static class WhisperModelFile
{
    public const uint Magic = 0x67676d6c;
    public const int EnglishVocabulary = 51864;
    public const int AudioContext = 1500;
    public const int FftBins = 201;

    private static readonly int[] FileTypes = [1, 2, 3, 7, 8, 9];

    /// <summary>Reads the header of <paramref name="path"/>; a file that is not a usable model throws <see cref="SpeechEngineException"/>.</summary>
    public static WhisperModelInfo Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpeechEngineException($"The Whisper model file {path} does not exist.");
        }

        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream, path);
        }
        catch (EndOfStreamException)
        {
            throw new SpeechEngineException($"{path} is not a complete Whisper model: it ends after {stream.Length:N0} bytes (an interrupted download?).");
        }
    }

    private static WhisperModelInfo Read(Stream stream, string path)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        SpeechEngineException Bad(string reason) => new($"{path} is not a usable Whisper model: {reason}.");

        if (reader.ReadUInt32() != Magic)
        {
            throw Bad("it does not start with the ggml magic number (Whisper.net reads ggml .bin files, not PyTorch, ONNX or GGUF ones)");
        }

        var h = new int[11];
        for (var i = 0; i < h.Length; i++)
        {
            h[i] = reader.ReadInt32();
        }

        var (vocabulary, audioContext, audioState, audioHeads, audioLayers, textContext, textState, textHeads, textLayers, mels) =
            (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9]);
        var fileType = h[10] % 1000;
        if (vocabulary is < EnglishVocabulary or > EnglishVocabulary + 2)
        {
            throw Bad($"its vocabulary has {vocabulary} ids; Whisper's have 51,864 (English), 51,865 or 51,866 (multilingual)");
        }

        if (audioContext != AudioContext)
        {
            throw Bad($"its encoder has {audioContext} positions; whisper.cpp works on 30-s windows of {AudioContext}");
        }

        if (audioState <= 0 || audioState != textState || audioHeads <= 0 || textHeads <= 0 || audioState % audioHeads != 0 || textState % textHeads != 0)
        {
            throw Bad($"its widths do not fit (encoder {audioState}/{audioHeads} heads, decoder {textState}/{textHeads} heads)");
        }

        if (audioLayers is <= 0 or > 64 || textLayers is <= 0 or > 64 || textContext is <= 8 or > 4096)
        {
            throw Bad($"its layer counts or text context are out of range ({audioLayers}, {textLayers}, {textContext})");
        }

        if (textLayers == 2 && vocabulary != EnglishVocabulary + 2)
        {
            throw Bad("it is a distilled model with two decoder layers, which whisper.cpp runs without timestamps; the transcript needs them");
        }

        if (mels is not (80 or 128))
        {
            throw Bad($"it declares {mels} mel bands; Whisper uses 80 (128 for large-v3)");
        }

        if (!FileTypes.Contains(fileType))
        {
            throw Bad($"its weight type {fileType} is not one whisper.cpp runs on a CPU (1 = f16, or a q4/q5/q8 quantization)");
        }

        var (melBands, fftBins) = (reader.ReadInt32(), reader.ReadInt32());
        if (melBands != mels || fftBins != FftBins)
        {
            throw Bad($"its mel filters are {melBands} x {fftBins}; expected {mels} x {FftBins}");
        }

        Skip(stream, 4L * melBands * fftBins);

        var tokens = reader.ReadInt32();
        if (tokens <= 0 || tokens > vocabulary)
        {
            throw Bad($"it lists {tokens} tokens for a vocabulary of {vocabulary}");
        }

        var space = false;
        for (var i = 0; i < tokens; i++)
        {
            var length = reader.ReadInt32();
            if (length is < 0 or > 1024)
            {
                throw Bad($"token {i} claims {length} bytes");
            }

            if (length == 1)
            {
                space |= reader.ReadByte() == (byte)' ';
            }
            else
            {
                Skip(stream, length);
            }
        }

        if (!space)
        {
            throw Bad("its vocabulary has no token for a single space, which whisper.cpp needs to decode");
        }

        var expected = 11 + 15 * audioLayers + 24 * textLayers;
        var count = 0;
        while (stream.Position < stream.Length)
        {
            var dims = reader.ReadInt32();
            var nameLength = reader.ReadInt32();
            var type = reader.ReadInt32();
            if (dims is < 1 or > 4 || nameLength is < 1 or > 256)
            {
                throw Bad($"tensor {count} has a malformed header");
            }

            long elements = 1;
            var shape = new int[dims];
            for (var d = 0; d < dims; d++)
            {
                shape[d] = reader.ReadInt32();
                elements *= shape[d];
            }

            var name = Encoding.UTF8.GetString(reader.ReadBytes(nameLength));
            if (name.StartsWith("encoder.conv", StringComparison.Ordinal) && name.EndsWith(".weight", StringComparison.Ordinal) && type != 1)
            {
                throw Bad($"{name} is not stored as f16 (whisper.cpp's convolution needs f16)");
            }

            var bytes = Size(type, elements, shape[0]) ?? throw Bad($"tensor {name} has the unknown type {type}");
            if (stream.Position + bytes > stream.Length)
            {
                throw new EndOfStreamException();
            }

            Skip(stream, bytes);
            count++;
        }

        if (count != expected)
        {
            throw Bad($"it holds {count} tensors; a model of {audioLayers} + {textLayers} layers has {expected}");
        }

        return new WhisperModelInfo(path, vocabulary, audioState, audioLayers, textLayers, mels, fileType, count, stream.Length);
    }

    /// <summary>Bytes of a tensor's data by its ggml type (f32, f16 and the block quantizations whisper.cpp writes).</summary>
    private static long? Size(int type, long elements, int rowLength) => type switch
    {
        0 => 4 * elements,
        1 => 2 * elements,
        _ when rowLength % 32 != 0 => null,
        2 => elements / 32 * 18, // q4_0
        3 => elements / 32 * 20, // q4_1
        6 => elements / 32 * 22, // q5_0
        7 => elements / 32 * 24, // q5_1
        8 => elements / 32 * 34, // q8_0
        _ => null,
    };

    private static void Skip(Stream stream, long bytes)
    {
        if (stream.Position + bytes > stream.Length)
        {
            throw new EndOfStreamException();
        }

        stream.Seek(bytes, SeekOrigin.Current);
    }
}
