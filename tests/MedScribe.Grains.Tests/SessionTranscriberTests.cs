using MedScribe.Abstractions.Sessions;
using MedScribe.Audio;
using MedScribe.AzureStorage;
using MedScribe.AzureStorage.Audio;
using MedScribe.Grains.Transcription;
using MedScribe.Speech;
using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Vad;
using MedScribe.Testing;

namespace MedScribe.Grains.Tests;

/// <summary>
/// Transcription steps over a session's stored files, the state carried from step to step as the grain
/// carries it: MediaRecorder continuations decoded once each, bad files skipped with the reason.
/// </summary>
public sealed class SessionTranscriberTests(AzuriteFixture azurite) : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly SileroVad _vad = new(Path.Combine(MedicalSpeechModel.DefaultDataDirectory, "silero_vad_v5.onnx"));

    public void Dispose() => _vad.Dispose();

    [Theory]
    [InlineData("webm", "audio/webm;codecs=opus")]
    [InlineData("ogg", "audio/ogg;codecs=opus")]
    public async Task A_recording_cut_mid_cluster_decodes_step_by_step_to_the_one_shot_length_each_byte_once(string format, string contentType)
    {
        var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[6], Cancel);
        var encoded = await TestAudio.EncodeAsync(consult.WavPath, format, Cancel);
        var parts = TestAudio.Cut(encoded, 14);
        Assert.False(MedScribe.Audio.Opus.OpusContainerReader.StartsContainer(parts[1]));
        var (transcriber, store, chunks) = await StoreAsync(parts.Select((p, i) => (p, $"audio_{i}.{format}", contentType)).ToList());

        var state = await RunAsync(transcriber, chunks, perStep: 1);

        Assert.Empty(state.Errors);
        Assert.Equal(parts.Count, state.FilesUsed);
        var oneShot = new List<short>();
        var decoder = MedScribe.Audio.Opus.OpusStreamDecoder.TryStart(encoded)!;
        decoder.Feed(encoded, oneShot);
        decoder.Finish(oneShot);
        Assert.Equal(oneShot.Count, state.SamplesDecoded);
        Assert.True(Math.Abs(state.SamplesDecoded / 16000.0 - consult.Seconds) / consult.Seconds < 0.01, $"{state.SamplesDecoded / 16000.0:F2} s of {consult.Seconds:F2} s");
        // Every turn's speech is in some window, and the windows follow one another.
        Assert.All(consult.Turns, t => Assert.Contains(state.Pending, w => w.StartSample / 16000.0 <= t.Start + 0.3));
        Assert.Equal(state.Pending.OrderBy(w => w.StartSample).Select(w => w.Number), state.Pending.Select(w => w.Number));
    }

    [Fact]
    public async Task Corrupt_and_non_audio_files_are_skipped_with_the_reason_and_the_rest_is_used()
    {
        var good = TestAudio.Wav(2);
        var garbage = new byte[4000];
        new Random(3).NextBytes(garbage);
        var text = "this is not audio at all, just text"u8.ToArray();
        var (transcriber, _, chunks) = await StoreAsync(
        [
            (good, "audio_0.wav", "audio/wav"),
            (garbage, "audio_1.mp3", "audio/mpeg"),
            (good, "audio_2.wav", "audio/wav"),
            (text, "audio_3.wav", "audio/wav"),
        ]);

        var state = await RunAsync(transcriber, chunks, perStep: 4);

        Assert.Equal(2, state.FilesUsed);
        Assert.Equal(4 * 16000, state.SamplesDecoded);
        Assert.Equal(["audio_1.mp3", "audio_3.wav"], state.Errors.Select(e => e.File));
        Assert.All(state.Errors, e => Assert.Equal("audio_file_skipped", e.Type));
        Assert.Contains("not a WAV file", state.Errors[1].Message);
    }

    [Fact]
    public async Task A_webm_continuation_with_nothing_before_it_is_skipped()
    {
        var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[6], Cancel);
        var parts = TestAudio.Cut(await TestAudio.EncodeAsync(consult.WavPath, "webm", Cancel), 4);
        var (transcriber, _, chunks) = await StoreAsync([(parts[1], "audio_0.webm", "audio/webm")]);

        var state = await RunAsync(transcriber, chunks, perStep: 1);

        Assert.Equal(0, state.FilesUsed);
        Assert.Contains("no audio header", Assert.Single(state.Errors).Message);
    }

    [Fact]
    public async Task Garbage_in_one_continuation_chunk_skips_that_chunk_only()
    {
        var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[6], Cancel);
        var parts = TestAudio.Cut(await TestAudio.EncodeAsync(consult.WavPath, "webm", Cancel), 10).ToList();
        var lost = parts[4].Length;
        var noise = new byte[lost];
        new Random(9).NextBytes(noise);
        parts[4] = noise;
        var (transcriber, _, chunks) = await StoreAsync(parts.Select((p, i) => (p, $"audio_{i}.webm", "audio/webm")).ToList());

        var state = await RunAsync(transcriber, chunks, perStep: 3);

        Assert.Equal("audio_4.webm", Assert.Single(state.Errors).File);
        Assert.Equal(9, state.FilesUsed);
        // The audio after the bad chunk resumes at the next cluster, in its place: the lost stretch is silence, so the
        // timeline (and every later utterance's time) holds.
        Assert.InRange(state.SamplesDecoded / 16000.0, consult.Seconds - 1, consult.Seconds + 0.5);
        var lostFrom = consult.Seconds * 0.4;
        Assert.Contains(state.Pending, w => w.StartSample / 16000.0 > lostFrom + consult.Seconds * 0.1 + 1);
    }

    [Fact]
    public async Task A_whole_consult_in_one_file_is_cut_into_windows_as_it_decodes_like_the_same_audio_in_chunks()
    {
        var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[0], Cancel);
        var wav = await File.ReadAllBytesAsync(consult.WavPath, Cancel);
        Assert.True(consult.Seconds > 240, "the consult must be longer than what a step holds (two minutes)");
        var samples = new short[(wav.Length - 44) / 2];
        Buffer.BlockCopy(wav, 44, samples, 0, samples.Length * 2);
        var (single, _, one) = await StoreAsync([(wav, "audio.wav", "audio/wav")]);
        var (chunked, _, many) = await StoreAsync(samples.Chunk(15 * 16000).Select((p, i) => (TestAudio.WavFromSamples(p), $"audio_{i}.wav", "audio/wav")).ToList());

        var whole = await RunAsync(single, one, perStep: 1);
        var stepwise = await RunAsync(chunked, many, perStep: 1);

        Assert.Equal(samples.Length, whole.SamplesDecoded);
        Assert.Equal(1, whole.Steps);
        // The one step cut windows while it decoded; they are the utterances the chunked steps found.
        Assert.InRange(whole.Pending.Count, stepwise.Pending.Count - 2, stepwise.Pending.Count + 2);
        Assert.All(consult.Turns, t => Assert.Contains(whole.Pending, w => Math.Abs(w.StartSample / 16000.0 - t.Start) < 0.6));
    }

    [Fact]
    public async Task A_file_that_decodes_to_more_than_the_cap_is_skipped()
    {
        var (transcriber, _, chunks) = await StoreAsync([(TestAudio.Wav(30), "audio_0.wav", "audio/wav"), (TestAudio.Wav(2), "audio_1.wav", "audio/wav")]);

        var state = await RunAsync(transcriber, chunks, perStep: 2, maxDurationMs: 24_000);

        Assert.Equal(1, state.FilesUsed);
        Assert.Contains("more than the 24 s", Assert.Single(state.Errors).Message);
    }

    /// <summary>Steps over the files <paramref name="perStep"/> at a time, the last step closing everything, as the grain does.</summary>
    private static async Task<TranscriptionState> RunAsync(SessionTranscriber transcriber, IReadOnlyList<ChunkUpload> chunks, int perStep, long maxDurationMs = 600_000)
    {
        var state = new TranscriptionState { Chunks = chunks.ToList(), MaxDurationMs = maxDurationMs };
        var session = "ses_" + Guid.NewGuid().ToString("N")[..12];
        while (true)
        {
            var fresh = state.Fresh();
            var batch = fresh.Take(perStep).ToList();
            var last = batch.Count == fresh.Count;
            state.Apply(await transcriber.StepAsync(session, state, batch, last, Cancel), last);
            if (last)
            {
                return state;
            }
        }
    }

    private async Task<(SessionTranscriber Transcriber, BlobAudioStore Store, List<ChunkUpload> Chunks)> StoreAsync(IReadOnlyList<(byte[] Bytes, string Name, string ContentType)> files)
    {
        var store = new BlobAudioStore(StorageAccount.FromConnectionString(azurite.ConnectionString), AzuriteFixture.UniqueName("audio"));
        await store.InitializeAsync(Cancel);
        var chunks = new List<ChunkUpload>();
        for (var i = 0; i < files.Count; i++)
        {
            var name = $"t/s/{i:D5}-{files[i].Name}";
            var stored = await store.UploadAsync(name, new MemoryStream(files[i].Bytes), files[i].ContentType, cancellationToken: Cancel);
            chunks.Add(new ChunkUpload(i, files[i].Name, files[i].ContentType, name, stored.Length, stored.Sha256, null));
        }

        return (new SessionTranscriber(store, new ChunkDecoder(new FfmpegDecoder()), new SpeechSegmenter(_vad, TimeSpan.Zero)), store, chunks);
    }
}
