using MedScribe.Abstractions.Sessions;
using MedScribe.Speech.PocketSphinx;
using Whisper.net;

namespace MedScribe.Speech.Whisper;

/// <summary>Settings of the in-process Whisper engine (section <c>Speech:Whisper</c>).</summary>
public sealed class WhisperSettings
{
    /// <summary>A ggml model file (e.g. <c>ggml-small.bin</c>); wins over <see cref="Model"/>.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>A model by name (<c>base.en</c>, <c>small</c>, <c>large-v3-turbo</c>, …), looked for in the cache folder and fetched there when <see cref="AllowDownload"/>.</summary>
    public string Model { get; set; } = "";

    /// <summary><c>none</c> (the published f16 weights) or <c>q5_1</c>, <c>q8_0</c>, … (smaller, a little less accurate).</summary>
    public string Quantization { get; set; } = "none";

    /// <summary>Whether a named model missing from the cache may be downloaded at start (from Hugging Face, or <see cref="DownloadMirror"/>).</summary>
    public bool AllowDownload { get; set; }

    /// <summary>A server that mirrors Hugging Face's paths (an internal artifact proxy); empty: huggingface.co itself.</summary>
    public string DownloadMirror { get; set; } = "";

    /// <summary>The whole download's time limit.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>CPU threads per window; 0: the cores shared out among the workers.</summary>
    public int Threads { get; set; }

    /// <summary>
    /// whisper.cpp drops a 30-s window whose no-speech probability is above this (and whose text is unlikely);
    /// windows already pass the voice-activity gate, so this only guards against hallucinated lines.
    /// </summary>
    public float NoSpeechThreshold { get; set; } = 0.6f;

    /// <summary>Decode again at higher temperatures when a window decodes badly (whisper.cpp's default; slower on bad audio).</summary>
    public bool TemperatureFallback { get; set; } = true;

    /// <summary>Text the decoder is primed with, e.g. clinic vocabulary; empty for none.</summary>
    public string Prompt { get; set; } = "";
}

/// <summary>
/// Whisper (whisper.cpp through Whisper.net) in the silo's process: one loaded model shared by every
/// call, a processor per window (its native state, 120 MB or more, lives only for the call), at most
/// <c>workers</c> windows at once. Windows are consecutive utterances up to 30 s, Whisper's own encoder
/// window, so one encoder pass covers as much speech as it can. Segment and token times are clamped to
/// the window (whisper.cpp's can run past the audio); tokens become words with their times and
/// probabilities; lines that are only a non-speech annotation ("[BLANK_AUDIO]", "(music)") are dropped.
/// A multilingual model detects each window's language, within the session's hints when it has several.
/// </summary>
public sealed class WhisperRecognizer : ISpeechRecognizer, IDisposable
{
    private readonly WhisperFactory _factory;
    private readonly WhisperModelInfo _model;
    private readonly WhisperSettings _settings;
    private readonly SemaphoreSlim _workers;
    private readonly int _threads;
    private int _running;
    private long _encoderPasses;

    /// <summary>Loads the model file at <paramref name="modelPath"/>, after checking it.</summary>
    public WhisperRecognizer(string modelPath, WhisperSettings settings, int workers)
        : this(WhisperModelFile.Read(modelPath), settings, workers)
    {
    }

    /// <summary>Loads a model file already checked (<see cref="WhisperModelFile.Read(string)"/>, <see cref="WhisperModels.LocateAsync"/>).</summary>
    public WhisperRecognizer(WhisperModelInfo model, WhisperSettings settings, int workers)
    {
        _model = model;
        _settings = settings;
        var modelPath = model.Path;
        _factory = WhisperFactory.FromPath(modelPath, new WhisperFactoryOptions { UseGpu = false });
        try
        {
            // Whisper.net loads lazily: building the first processor is what loads (and checks) the model.
            using var probe = _factory.CreateBuilder().Build();
        }
        catch (Exception e)
        {
            _factory.Dispose();
            throw new SpeechEngineException($"whisper.cpp could not load the model {modelPath}: {e.Message}", e);
        }

        workers = Math.Max(1, workers);
        _workers = new SemaphoreSlim(workers, workers);
        _threads = settings.Threads > 0 ? settings.Threads : Math.Max(1, Environment.ProcessorCount / workers);
        var all = WhisperFactory.GetSupportedLanguages().ToList();
        Languages = _model.Multilingual ? all.Take(_model.LanguageCount).ToList() : ["en"];
    }

    public string Engine => "whisper";

    /// <summary>English for an <c>.en</c> model; Whisper's 99 (or 100) languages for a multilingual one.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>Whisper's encoder always reads 30 s: consecutive utterances share one pass.</summary>
    public TimeSpan Window => TimeSpan.FromSeconds(30);

    /// <summary>True when the model can tell which language is spoken.</summary>
    public bool DetectsLanguage => _model.Multilingual;

    public WhisperModelInfo Model => _model;

    /// <summary>Windows being recognized right now (at most the worker count).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>
    /// Encoder passes so far. whisper.cpp encodes a 30-s span per pass, whatever its length, and moves on by
    /// the last timestamp it decoded, so a window normally costs one pass (more when its speech is longer).
    /// </summary>
    public long EncoderPasses => Interlocked.Read(ref _encoderPasses);

    public async Task<IReadOnlyList<TranscriptSegment>> RecognizeAsync(PcmAudio audio, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        var samples = new float[audio.Samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = audio.Samples[i] / 32768f;
        }

        await _workers.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _running);
        try
        {
            var language = await ChooseLanguageAsync(samples, languages, cancellationToken);
            var builder = _factory.CreateBuilder()
                .WithThreads(_threads)
                .WithTokenTimestamps()
                .WithProbabilities()
                .WithNoContext()
                .WithNoSpeechThreshold(_settings.NoSpeechThreshold)
                .WithEncoderBeginHandler(_ =>
                {
                    Interlocked.Increment(ref _encoderPasses);
                    return true;
                });
            builder = language is null ? builder.WithLanguageDetection() : builder.WithLanguage(language);
            if (!_settings.TemperatureFallback)
            {
                builder = builder.WithTemperatureInc(0);
            }

            if (_settings.Prompt.Length > 0)
            {
                builder = builder.WithPrompt(_settings.Prompt);
            }

            await using var processor = builder.Build();
            var lines = new List<TranscriptSegment>();
            var durationMs = (long)(audio.Seconds * 1000);
            await foreach (var segment in processor.ProcessAsync(samples, cancellationToken))
            {
                if (ToLine(segment, durationMs, language ?? segment.Language) is { } line)
                {
                    lines.Add(line);
                }
            }

            return lines;
        }
        catch (WhisperProcessingException e)
        {
            throw new SpeechEngineException($"whisper.cpp failed on {audio.Seconds:0.#} s of audio: {e.Message}", e);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _workers.Release();
        }
    }

    /// <summary>
    /// The language to decode in: the only one the model or the session allows, the likeliest of the
    /// session's hints (one detection pass restricted to them), or null for whisper.cpp to detect.
    /// </summary>
    private async Task<string?> ChooseLanguageAsync(float[] samples, IReadOnlyList<string> hints, CancellationToken cancellationToken)
    {
        var allowed = hints.Where(Languages.Contains).Distinct().ToArray();
        if (!_model.Multilingual)
        {
            return "en";
        }

        if (allowed.Length <= 1)
        {
            return allowed.FirstOrDefault();
        }

        return await Task.Factory.StartNew(() =>
        {
            using var detector = _factory.CreateBuilder().WithThreads(_threads).Build();
            var (language, _) = detector.DetectLanguageWithProbability(samples, allowed);
            return language is not null && allowed.Contains(language) ? language : allowed[0];
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private TranscriptSegment? ToLine(SegmentData segment, long durationMs, string? language)
    {
        var text = segment.Text.Trim();
        if (text.Length == 0 || IsAnnotation(text))
        {
            return null;
        }

        long Clamp(long ms) => Math.Clamp(ms, 0, durationMs);
        var start = Clamp((long)segment.Start.TotalMilliseconds);
        var end = Math.Max(start, Clamp((long)segment.End.TotalMilliseconds));
        var words = Words(segment, start, end);
        var confidence = Math.Round(Math.Clamp(segment.Probability, 0, 1), 3);
        return new TranscriptSegment("", text, start, end, confidence, Words: words, Language: language);
    }

    /// <summary>Text tokens grouped into words (a token starting with a space starts a word), times in ms clamped to the segment.</summary>
    private List<TranscriptWord> Words(SegmentData segment, long start, long end)
    {
        var words = new List<TranscriptWord>();
        string text = "";
        long from = 0, to = 0;
        double probability = 0;
        var parts = 0;
        void Close()
        {
            if (text.Trim().Length > 0)
            {
                words.Add(new TranscriptWord(text.Trim(), from, Math.Max(from, to), Math.Round(probability / parts, 3)));
            }

            (text, probability, parts) = ("", 0, 0);
        }

        foreach (var token in segment.Tokens ?? [])
        {
            if (token.Id >= _model.EndOfText || token.Text is null)
            {
                continue;
            }

            // Whisper.net gives token times in centiseconds.
            var t0 = Math.Clamp(token.Start * 10, start, end);
            var t1 = Math.Clamp(token.End * 10, t0, end);
            if (token.Text.StartsWith(' ') || parts == 0)
            {
                Close();
                from = t0;
            }

            text += token.Text;
            to = t1;
            probability += Math.Clamp(token.Probability, 0, 1);
            parts++;
        }

        Close();
        return words;
    }

    /// <summary>A whole line that only annotates the audio, as Whisper writes for music, silence or noise.</summary>
    private static bool IsAnnotation(string text) =>
        text.All(c => !char.IsLetterOrDigit(c))
        || text.Length >= 2 && (text[0], text[^1]) is ('[', ']') or ('(', ')') or ('*', '*') && text.AsSpan(1, text.Length - 2).IndexOfAny("[]()*") < 0;

    public void Dispose()
    {
        _factory.Dispose();
        _workers.Dispose();
    }
}
