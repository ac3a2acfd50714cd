namespace MedScribe.Speech.PocketSphinx;

/// <summary>Where PocketSphinx finds its models, and how the medical language model is mixed in.</summary>
public sealed class PocketSphinxModel
{
    /// <summary>Debian's <c>pocketsphinx-en-us</c>.</summary>
    public const string DebianModelDirectory = "/usr/share/pocketsphinx/model/en-us";

    public string AcousticModel { get; init; } = Path.Combine(DebianModelDirectory, "en-us");

    public string GeneralLanguageModel { get; init; } = Path.Combine(DebianModelDirectory, "en-us.lm.bin");

    public string Dictionary { get; init; } = Path.Combine(DebianModelDirectory, "cmudict-en-us.dict");

    /// <summary>The medical trigram model (ARPA), interpolated with the general one at run time; null for the general model alone.</summary>
    public string? MedicalLanguageModel { get; init; }

    /// <summary>Weight of the medical model in the interpolation.</summary>
    public float MedicalWeight { get; init; } = 0.5f;

    /// <summary>Pronunciations missing from the general dictionary (drug names, clinical words), in ARPAbet.</summary>
    public IReadOnlyList<(string Word, string Phones)> ExtraWords { get; init; } = [];

    /// <summary>More decoder arguments (<c>-lw</c>, <c>-beam</c>, ...), appended to the defaults.</summary>
    public IReadOnlyList<string> DecoderArguments { get; init; } = [];

    /// <summary>Checks that the model files exist, naming the package that provides them.</summary>
    public void Validate()
    {
        foreach (var path in new[] { AcousticModel, GeneralLanguageModel, Dictionary })
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new SpeechEngineException($"PocketSphinx model file '{path}' is missing; install the Debian package 'pocketsphinx-en-us'.");
            }
        }

        if (MedicalLanguageModel is { } medical && !File.Exists(medical))
        {
            throw new SpeechEngineException($"The medical language model '{medical}' is missing.");
        }
    }
}

/// <summary>The speech engine cannot run; the message names what is missing.</summary>
public sealed class SpeechEngineException(string message, Exception? inner = null) : Exception(message, inner);
