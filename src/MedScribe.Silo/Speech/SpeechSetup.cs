using MedScribe.Abstractions.Sessions;
using MedScribe.Audio;
using MedScribe.Grains.Processing;
using MedScribe.Grains.Transcription;
using MedScribe.Grains.Sessions;
using MedScribe.Silo.Api.Msa;
using MedScribe.Speech;
using MedScribe.Speech.OpenAi;
using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Vad;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Speech;

/// <summary>Speech settings (section <c>Speech</c>).</summary>
public sealed class SpeechSettings
{
    public const string Section = "Speech";

    /// <summary><c>pocketsphinx</c> (embedded, the default), <c>openai</c> (an OpenAI-compatible transcription server) or <c>none</c>.</summary>
    public string Engine { get; set; } = "pocketsphinx";

    /// <summary>PocketSphinx decoders (one per worker, about 150 MB each); default one per core.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Weight of the medical language model against the general one.</summary>
    public float MedicalWeight { get; set; } = 0.4f;

    /// <summary>The general model's most likely words kept in the dictionary besides the corpus's own; 0 keeps all 134,000.</summary>
    public int GeneralVocabulary { get; set; } = MedicalSpeechModel.DefaultGeneralVocabulary;

    /// <summary>Corpus, drug list, pronunciations and the Silero model; default <c>speech-data/</c> beside the binaries.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Where the medical language model is built; default a folder under the system temp folder.</summary>
    public string CacheDirectory { get; set; } = "";

    public OpenAiTranscriptionSettings OpenAi { get; set; } = new();
}

/// <summary>Wires the configured speech engine and the processing pipeline.</summary>
public static class SpeechSetup
{
    public static readonly string[] Engines = ["pocketsphinx", "openai", "none"];

    public static WebApplicationBuilder AddScribeSpeech(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SpeechSettings>().BindConfiguration(SpeechSettings.Section)
            .Validate(s => Engines.Contains(s.Engine), $"Speech:Engine must be one of {string.Join(", ", Engines)}.")
            .Validate(s => s.Workers is >= 1 and <= 64, "Speech:Workers must be between 1 and 64.")
            .Validate(s => s.MedicalWeight is > 0 and < 1, "Speech:MedicalWeight must be between 0 and 1 (exclusive).")
            .Validate(s => s.GeneralVocabulary is 0 or >= 1000, "Speech:GeneralVocabulary must be 0 (the whole dictionary) or at least 1000.")
            .Validate(s => s.Engine != "openai" || Uri.TryCreate(s.OpenAi.BaseUrl, UriKind.Absolute, out _),
                "Speech:OpenAi:BaseUrl must be an absolute URL when Speech:Engine is openai.")
            .ValidateOnStart();

        var engine = builder.Configuration[$"{SpeechSettings.Section}:Engine"] ?? "pocketsphinx";
        if (engine == "none")
        {
            builder.Services.AddSingleton<ISessionPipeline, UnconfiguredPipeline>();
            builder.Services.AddSingleton(new SpeechLanguages([]));
            return builder;
        }

        builder.Services.AddSingleton(services => CreateRecognizer(services.GetRequiredService<IOptions<SpeechSettings>>().Value, services));
        builder.Services.AddSingleton(services => new SpeechLanguages(services.GetRequiredService<ISpeechRecognizer>().Languages));
        // One transcription path for every engine: our decoders, Silero's utterances, the engine's words.
        builder.Services.AddSingleton(new FfmpegDecoder());
        builder.Services.AddSingleton<ChunkDecoder>();
        builder.Services.AddSingleton(services => new SileroVad(Path.Combine(DataDirectory(services.GetRequiredService<IOptions<SpeechSettings>>().Value), "silero_vad_v5.onnx")));
        builder.Services.AddSingleton(services => new SpeechSegmenter(services.GetRequiredService<SileroVad>(), services.GetRequiredService<ISpeechRecognizer>().Window));
        builder.Services.AddSingleton<SessionTranscriber>();
        builder.Services.AddSingleton<ISessionPipeline, SpeechPipeline>();
        builder.Services.AddHostedService<SpeechWarmUp>();
        return builder;
    }

    private static ISpeechRecognizer CreateRecognizer(SpeechSettings settings, IServiceProvider services)
    {
        if (settings.Engine == "openai")
        {
            return new OpenAiTranscriptionRecognizer(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, settings.OpenAi);
        }

        var cache = settings.CacheDirectory is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "medscribe-speech");
        var model = MedicalSpeechModel.Prepare(DataDirectory(settings), cache, settings.MedicalWeight, settings.GeneralVocabulary);
        return new PocketSphinxRecognizer(model, settings.Workers);
    }

    private static string DataDirectory(SpeechSettings settings) =>
        settings.DataDirectory is { Length: > 0 } configured ? configured : MedicalSpeechModel.DefaultDataDirectory;

    /// <summary>Creates the first decoder in the background so the first session does not wait for it.</summary>
    private sealed class SpeechWarmUp(ISpeechRecognizer recognizer, ILogger<SpeechWarmUp> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            if (recognizer is not PocketSphinxRecognizer pocketSphinx)
            {
                return;
            }

            try
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await pocketSphinx.WarmUpAsync(stoppingToken);
                logger.LogInformation("Speech: PocketSphinx decoder ready in {Seconds:F1} s", watch.Elapsed.TotalSeconds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Speech: the PocketSphinx decoder could not be created; sessions will fail until this is fixed");
            }
        }
    }
}
