using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Whisper;
using MedScribe.Testing;

namespace MedScribe.Speech.Tests;

/// <summary>
/// The Whisper engine running the real whisper.cpp (through Whisper.net) on small models with random
/// weights that the tests write: the text is meaningless, but loading, windows, timestamps, languages,
/// concurrency and every refusal are the real code paths.
/// </summary>
public sealed class WhisperTests(SpeechFixture speech) : IClassFixture<SpeechFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static WhisperSettings Fast => new() { TemperatureFallback = false };

    private static string Write(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "medscribe-whisper-test", $"bad-{Guid.NewGuid():N}.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void The_generated_model_reads_as_an_english_model_with_every_tensor()
    {
        var info = WhisperModelFile.Read(WhisperTestModel.Path());
        Assert.Equal(51864, info.Vocabulary);
        Assert.False(info.Multilingual);
        Assert.Equal(11 + 15 + 24, info.Tensors);
        Assert.Equal(64, info.AudioState);
        Assert.True(WhisperModelFile.Read(WhisperTestModel.Path(WhisperTestModel.MultilingualVocabulary)).Multilingual);
    }

    public static TheoryData<string, string> Damaged => new()
    {
        { "magic", "ggml magic number" },
        { "no-space", "single space" },
        { "all-f32", "weight type 0" },
        { "conv-f32", "encoder.conv1.weight is not stored as f16" },
        { "distil", "two decoder layers" },
        { "small-vocabulary", "vocabulary has 50300 ids" },
        { "truncated", "not a complete Whisper model" },
        { "text", "ggml magic number" },
    };

    /// <summary>Each of these files would abort the process (or load with bogus times) in whisper.cpp; they are refused before it sees them.</summary>
    [Theory]
    [MemberData(nameof(Damaged))]
    public void A_file_that_is_not_a_usable_model_is_refused_with_the_reason_before_whisper_cpp_loads_it(string damage, string reason)
    {
        var good = WhisperTestModel.Write(width: 16, heads: 1);
        var bytes = damage switch
        {
            "magic" => "GGUF"u8.ToArray().Concat(good[4..]).ToArray(),
            "no-space" => WhisperTestModel.Write(width: 16, heads: 1, withSpace: false),
            "all-f32" => WhisperTestModel.Write(width: 16, heads: 1, fileType: 0),
            "conv-f32" => WhisperTestModel.Write(width: 16, heads: 1, convType: 0),
            "distil" => WhisperTestModel.Write(width: 16, heads: 1, textLayers: 2),
            "small-vocabulary" => WhisperTestModel.Write(vocabulary: 50300, width: 16, heads: 1),
            "truncated" => good[..(good.Length / 2)],
            _ => "this is a configuration file, not a model\n"u8.ToArray(),
        };
        var path = Write(bytes);

        var refused = Assert.Throws<SpeechEngineException>(() => new WhisperRecognizer(path, Fast, 1));
        Assert.Contains(reason, refused.Message);
        Assert.Contains(path, refused.Message);
        Assert.Throws<SpeechEngineException>(() => new WhisperRecognizer(path + ".missing", Fast, 1));
    }

    [Fact]
    public async Task A_window_of_speech_gives_lines_with_words_whose_times_stay_inside_the_audio()
    {
        using var whisper = new WhisperRecognizer(WhisperTestModel.Path(), Fast, 1);
        Assert.Equal("whisper", whisper.Engine);
        Assert.Equal(["en"], whisper.Languages);
        Assert.Equal(TimeSpan.FromSeconds(30), whisper.Window);
        var window = new PcmAudio(speech.Audio.Samples[..(10 * PcmAudio.SampleRate)]);

        var lines = await whisper.RecognizeAsync(window, [], Cancel);

        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            Assert.NotEmpty(line.Text);
            Assert.Equal("", line.Speaker);
            Assert.Equal("en", line.Language);
            Assert.InRange(line.StartMs, 0, line.EndMs);
            Assert.InRange(line.EndMs, line.StartMs, 10_000);
            Assert.InRange(line.Confidence, 0, 1);
            Assert.NotNull(line.Words);
            Assert.All(line.Words!, w =>
            {
                Assert.InRange(w.StartMs, line.StartMs, w.EndMs);
                Assert.InRange(w.EndMs, w.StartMs, line.EndMs);
                Assert.NotEmpty(w.Text);
            });
        });
        Assert.Equal(string.Join(' ', lines.Select(l => l.Text)).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length,
            lines.Sum(l => l.Words!.Count));
    }

    /// <summary>whisper.cpp's segment ends run past the audio (29 s on a 10 s silent clip, measured); they are clamped.</summary>
    [Fact]
    public async Task Times_are_clamped_to_the_window_even_where_whisper_cpp_runs_past_it()
    {
        using var whisper = new WhisperRecognizer(WhisperTestModel.Path(), Fast, 1);
        var lines = await whisper.RecognizeAsync(new PcmAudio(new short[3 * PcmAudio.SampleRate]), [], Cancel);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.InRange(l.EndMs, 0, 3_000));
    }

    [Fact]
    public async Task A_window_whisper_judges_silent_yields_no_line()
    {
        using var whisper = new WhisperRecognizer(WhisperTestModel.Path(), new WhisperSettings { TemperatureFallback = false, NoSpeechThreshold = 0 }, 1);
        var window = new PcmAudio(speech.Audio.Samples[..(8 * PcmAudio.SampleRate)]);
        Assert.Empty(await whisper.RecognizeAsync(window, [], Cancel));
    }

    [Fact]
    public async Task Windows_beyond_the_worker_count_wait_and_parallel_windows_hear_what_each_hears_alone()
    {
        using var whisper = new WhisperRecognizer(WhisperTestModel.Path(), Fast, 2);
        var windows = Enumerable.Range(0, 4).Select(i => new PcmAudio(speech.Audio.Samples[(i * 5 * PcmAudio.SampleRate)..((i * 5 + 6) * PcmAudio.SampleRate)])).ToList();
        var alone = new List<string>();
        foreach (var window in windows)
        {
            alone.Add(string.Join('|', (await whisper.RecognizeAsync(window, [], Cancel)).Select(l => $"{l.StartMs}-{l.EndMs}:{l.Text}")));
        }

        var most = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                most = Math.Max(most, whisper.Running);
                await Task.Delay(1, Cancel);
            }
        }, Cancel);
        var together = await Task.WhenAll(windows.Select(w => Task.Run(() => whisper.RecognizeAsync(w, [], Cancel), Cancel)));
        await watching.CancelAsync();
        await watcher;

        Assert.Equal(alone, together.Select(lines => string.Join('|', lines.Select(l => $"{l.StartMs}-{l.EndMs}:{l.Text}"))));
        Assert.InRange(most, 1, 2);
    }

    [Fact]
    public async Task A_multilingual_model_lists_its_languages_detects_one_and_keeps_to_the_sessions_hints()
    {
        using var whisper = new WhisperRecognizer(WhisperTestModel.Path(WhisperTestModel.MultilingualVocabulary), Fast, 1);
        Assert.True(whisper.DetectsLanguage);
        Assert.Equal(99, whisper.Languages.Count);
        Assert.Equal(LanguageCodes.WhisperCodes.Take(99), whisper.Languages);
        Assert.Contains("hi", whisper.Languages);
        Assert.Contains("ta", whisper.Languages);
        var window = new PcmAudio(speech.Audio.Samples[..(6 * PcmAudio.SampleRate)]);

        var detected = await whisper.RecognizeAsync(window, [], Cancel);
        Assert.NotEmpty(detected);
        Assert.All(detected, l => Assert.Contains(l.Language!, whisper.Languages));

        Assert.All(await whisper.RecognizeAsync(window, ["ta"], Cancel), l => Assert.Equal("ta", l.Language));
        var among = await whisper.RecognizeAsync(window, ["hi", "ta"], Cancel);
        Assert.NotEmpty(among);
        Assert.Single(among.Select(l => l.Language).Distinct());
        Assert.Contains(among[0].Language, new[] { "hi", "ta" });
    }

    [Fact]
    public async Task The_segmenter_batches_utterances_into_windows_of_up_to_30_seconds_for_whisper()
    {
        using var whisper = new WhisperRecognizer(WhisperTestModel.Path(), Fast, 2);
        var samples = speech.Audio.Samples[..(75 * PcmAudio.SampleRate)];
        var one = new SpeechSegmenter(speech.Vad, TimeSpan.Zero).Cut(samples, 0, last: true, Cancel).Windows;
        var batched = new SpeechSegmenter(speech.Vad, whisper.Window).Cut(samples, 0, last: true, Cancel).Windows;

        Assert.InRange(batched.Count, 3, one.Count / 3);
        Assert.All(batched, w => Assert.InRange(w.Samples.Length, 1, 30 * PcmAudio.SampleRate));
        var lines = await new SpeechSegmenter(speech.Vad, whisper.Window).RecognizeAsync(whisper, samples, Cancel);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.InRange(l.EndMs, l.StartMs, 75_000));
        Assert.Equal(lines.OrderBy(l => l.StartMs).Select(l => l.StartMs), lines.Select(l => l.StartMs));
    }
}
