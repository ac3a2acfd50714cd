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
using MedScribe.Speech.Whisper;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Speech;

/// <summary>Speech settings (section <c>Speech</c>).</summary>
public sealed class SpeechSettings
{
    public const string Section = "Speech";

    /// <summary>
    /// <c>pocketsphinx</c> (embedded, the default), <c>whisper</c> (Whisper.net in this process, with a model of
    /// the operator's), <c>openai</c> (an OpenAI-compatible transcription server) or <c>none</c>.
    /// </summary>
    public string Engine { get; set; } = "pocketsphinx";

    /// <summary>Windows recognized at once in this silo (PocketSphinx: a decoder each, about 150 MB; Whisper: 120 MB to 1 GB each by model); default one per core.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Weight of the medical language model against the general one.</summary>
    public float MedicalWeight { get; set; } = 0.4f;

    /// <summary>The general model's most likely words kept in the dictionary besides the corpus's own; 0 keeps all 134,000.</summary>
    public int GeneralVocabulary { get; set; } = MedicalSpeechModel.DefaultGeneralVocabulary;

    /// <summary>Corpus, drug list, pronunciations and the Silero model; default <c>speech-data/</c> beside the binaries.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Where the medical language model is built and named Whisper models are kept; default a folder under the system temp folder.</summary>
    public string CacheDirectory { get; set; } = "";

    public OpenAiTranscriptionSettings OpenAi { get; set; } = new();

    public WhisperSettings Whisper { get; set; } = new();

    /// <summary>The cache folder in use.</summary>
    public string Cache => CacheDirectory is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "medscribe-speech");
}

/// <summary>Wires the configured speech engine and the processing pipeline.</summary>
public static class SpeechSetup
{
    public static readonly string[] Engines = ["pocketsphinx", "whisper", "openai", "none"];

    private static IDisposable? _whisperLog;

    public static WebApplicationBuilder AddScribeSpeech(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SpeechSettings>().BindConfiguration(SpeechSettings.Section)
            .Validate(s => Engines.Contains(s.Engine), $"Speech:Engine must be one of {string.Join(", ", Engines)}.")
            .Validate(s => s.Workers is >= 1 and <= 64, "Speech:Workers must be between 1 and 64.")
            .Validate(s => s.MedicalWeight is > 0 and < 1, "Speech:MedicalWeight must be between 0 and 1 (exclusive).")
            .Validate(s => s.GeneralVocabulary is 0 or >= 1000, "Speech:GeneralVocabulary must be 0 (the whole dictionary) or at least 1000.")
            .Validate(s => s.Engine != "openai" || Uri.TryCreate(s.OpenAi.BaseUrl, UriKind.Absolute, out _),
                "Speech:OpenAi:BaseUrl must be an absolute URL when Speech:Engine is openai.")
            .Validate(s => s.Engine != "whisper" || s.Whisper.Threads is >= 0 and <= 64, "Speech:Whisper:Threads must be between 0 (automatic) and 64.")
            .Validate(s => s.Engine != "whisper" || s.Whisper.NoSpeechThreshold is >= 0 and <= 1, "Speech:Whisper:NoSpeechThreshold must be between 0 and 1.")
            .Validate(s => s.Engine != "whisper" || s.Whisper.DownloadMirror.Length == 0 || Uri.TryCreate(s.Whisper.DownloadMirror, UriKind.Absolute, out _),
                "Speech:Whisper:DownloadMirror must be an absolute URL.")
            .ValidateOnStart();

        var engine = builder.Configuration[$"{SpeechSettings.Section}:Engine"] ?? "pocketsphinx";
        if (engine == "none")
        {
            builder.Services.AddSingleton<ISessionPipeline, UnconfiguredPipeline>();
            builder.Services.AddSingleton(new SpeechLanguages([], false));
            return builder;
        }

        builder.Services.AddSingleton(services => CreateRecognizer(services.GetRequiredService<IOptions<SpeechSettings>>().Value, services));
        builder.Services.AddSingleton(services =>
        {
            var recognizer = services.GetRequiredService<ISpeechRecognizer>();
            return new SpeechLanguages(recognizer.Languages, recognizer is WhisperRecognizer { DetectsLanguage: true });
        });
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

        if (settings.Engine == "whisper")
        {
            var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("MedScribe.Speech");
            // whisper.cpp's own warnings and errors (process-wide) go to the silo's log; its chatter does not.
            _whisperLog ??= Whisper.net.Logger.LogProvider.AddLogger((level, message) =>
            {
                if (level is Whisper.net.Logger.WhisperLogLevel.Error or Whisper.net.Logger.WhisperLogLevel.Warning && !string.IsNullOrWhiteSpace(message))
                {
                    log.LogWarning("whisper.cpp: {Message}", message.Trim());
                }
            });
            // A download happens once, at the first start; the host is not ready until the model is loaded.
            var whisperModel = WhisperModels.LocateAsync(settings.Whisper, settings.Cache, message => log.LogInformation("{Message}", message), CancellationToken.None)
                .GetAwaiter().GetResult();
            var whisper = new WhisperRecognizer(whisperModel, settings.Whisper, settings.Workers);
            log.LogInformation("Speech: Whisper model {Path} loaded ({Size}, {Languages}, {Megabytes:N0} MB), {Workers} workers",
                whisperModel.Path, whisper.Model.Size, whisper.DetectsLanguage ? $"{whisper.Languages.Count} languages, detected" : "English only",
                whisper.Model.Bytes >> 20, settings.Workers);
            return whisper;
        }

        var model = MedicalSpeechModel.Prepare(DataDirectory(settings), settings.Cache, settings.MedicalWeight, settings.GeneralVocabulary);
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
