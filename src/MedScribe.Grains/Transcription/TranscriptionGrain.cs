using System.Text.Json;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Speech;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace MedScribe.Grains.Transcription;

/// <summary>
/// A session's transcription (see <see cref="ITranscriptionGrain"/>). Files are decoded in steps, in index
/// order, as they arrive (<see cref="SessionTranscriber"/>); each closed window of speech goes at once to
/// a <see cref="RecognitionGrain"/>, so a backlog (a recording uploaded at once, or <c>/end</c> with audio
/// outstanding) is recognized by the whole cluster in parallel while the next step decodes. The steps and
/// the recognitions run in this activation's context, one step at a time; the progress is saved after
/// every step, and after a crash the next activation re-sends the windows whose results were not saved.
/// </summary>
public sealed class TranscriptionGrain(
    [PersistentState("transcription", GrainStorageNames.Blobs)] IPersistentState<TranscriptionState> state,
    SessionTranscriber transcriber,
    IAudioStore store,
    ILogger<TranscriptionGrain> logger) : Grain, ITranscriptionGrain
{
    /// <summary>Files decoded per step: a step's audio (and memory) stays a minute or two even for a backlog.</summary>
    private const int FilesPerStep = 4;

    private const int Attempts = 3;

    private readonly Dictionary<int, Task> _recognizing = [];
    private readonly List<string> _recognizedBlobs = [];
    private readonly SemaphoreSlim _saving = new(1, 1);
    private Task? _stepping;
    private (string Blob, Task<IReadOnlyList<TranscriptSegment>> Heard)? _partial;
    private int _generation;
    private int _failedSteps;
    private long _reportedMs = -1;

    private TranscriptionState State => state.State;
    private string SessionId => this.GetPrimaryKeyString();

    public Task AudioArrivedAsync(ChunkUpload chunk, TranscriptionOptions options)
    {
        ResumePending();
        if (State.Closed)
        {
            return Task.CompletedTask;
        }

        State.Chunks.RemoveAll(c => c.Index == chunk.Index);
        State.Chunks.Add(chunk);
        (State.MaxDurationMs, State.Languages) = (options.MaxDurationMs, options.Languages.ToList());
        if (!State.Matches(State.Chunks))
        {
            Reset("a decoded file was replaced");
        }

        if (_stepping is null || _stepping.IsCompleted)
        {
            _stepping = StepWhileFreshAsync(last: false);
        }

        return Task.CompletedTask;
    }

    public async Task<TranscriptionResult> FinishAsync(IReadOnlyList<ChunkUpload> chunks, TranscriptionOptions options)
    {
        ResumePending();
        if (!State.Matches(chunks))
        {
            Reset("the session's files differ from those transcribed");
        }

        if (!State.Closed)
        {
            State.Chunks = chunks.ToList();
            (State.MaxDurationMs, State.Languages) = (options.MaxDurationMs, options.Languages.ToList());
            if (_stepping is { } running)
            {
                try
                {
                    await running;
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Session {SessionId}: a transcription step failed while recording; finishing from the saved progress", SessionId);
                }
            }

            _stepping = StepWhileFreshAsync(last: true);
            await _stepping;
        }

        while (_recognizing.Count > 0)
        {
            await Task.WhenAll(_recognizing.Values.ToList());
        }

        var heard = State.Heard.OrderBy(h => h.StartMs).ToList();
        var blob = $"{SessionTranscriber.Prefix(SessionId)}utterances.json";
        await store.UploadAsync(blob, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(heard)), "application/json");
        await SaveAsync();
        return new TranscriptionResult(blob, heard.Count, State.FilesUsed, State.Errors, State.SamplesDecoded, State.Steps);
    }

    public async Task DeleteAsync()
    {
        _generation++;
        await store.DeletePrefixAsync(SessionTranscriber.Prefix(SessionId));
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    /// <summary>Steps until no contiguous file is left undecoded (and, when <paramref name="last"/>, closes the last utterance).</summary>
    private async Task StepWhileFreshAsync(bool last)
    {
        while (true)
        {
            var fresh = State.Fresh();
            var batch = fresh.Take(FilesPerStep).ToList();
            var final = last && batch.Count == fresh.Count;
            if (batch.Count == 0 && !final)
            {
                return;
            }

            if (!last && _failedSteps >= Attempts)
            {
                return; // this activation stops trying while recording; the end transcribes what is left
            }

            try
            {
                await StepAsync(batch, final);
                _failedSteps = 0;
            }
            catch (Exception e) when (!last)
            {
                _failedSteps++;
                logger.LogWarning(e, "Session {SessionId}: a transcription step failed ({Failures} in a row); the end retries it", SessionId, _failedSteps);
                return;
            }

            if (final)
            {
                return;
            }
        }
    }

    private async Task StepAsync(IReadOnlyList<ChunkUpload> batch, bool last)
    {
        var generation = _generation;
        var snapshot = State;
        var step = await Task.Run(() => transcriber.StepAsync(SessionId, snapshot, batch, last, CancellationToken.None));
        if (generation != _generation)
        {
            return; // reset while the step ran (a decoded file was replaced): its result describes other audio
        }

        var oldTail = State.TailBlob;
        State.Apply(step, last);
        await SaveAsync();
        if (oldTail is not null && oldTail != step.TailBlob)
        {
            await store.DeleteAsync(oldTail);
        }

        foreach (var window in step.Windows)
        {
            Dispatch(window);
        }

        Report();
    }

    /// <summary>
    /// Windows cut before a crash whose results were never saved are recognized again: when there is work to do
    /// (audio arrives or the session ends), not on every activation (a deletion needs none).
    /// </summary>
    private void ResumePending()
    {
        foreach (var window in State.Pending)
        {
            Dispatch(window);
        }
    }

    private void Dispatch(PendingWindow window)
    {
        if (!_recognizing.ContainsKey(window.Number))
        {
            _recognizing[window.Number] = RecognizeAsync(window, _generation);
        }
    }

    private async Task RecognizeAsync(PendingWindow window, int generation)
    {
        IReadOnlyList<TranscriptSegment>? heard = null;
        for (var attempt = 0; heard is null; attempt++)
        {
            try
            {
                // A fresh key per attempt: a retry is never queued behind the activation that failed.
                heard = await GrainFactory.GetGrain<IRecognitionGrain>($"{SessionId}/{window.Number}/{attempt}").RecognizeAsync(window.Blob, window.StartSample, State.Languages);
            }
            catch (Exception e) when (attempt < Attempts - 1)
            {
                logger.LogWarning(e, "Session {SessionId}: window {Window} failed (attempt {Attempt}); retrying", SessionId, window.Number, attempt + 1);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Session {SessionId}: window {Window} could not be recognized", SessionId, window.Number);
                if (generation == _generation)
                {
                    State.Errors.Add(new ProcessingError("speech_recognition_failed",
                        $"The speech at {window.StartSample / (double)PcmAudio.SampleRate:0.#} s could not be recognized: {e.Message}", null));
                }

                heard = [];
            }
        }

        _recognizing.Remove(window.Number);
        if (generation != _generation)
        {
            return;
        }

        State.Heard.AddRange(heard);
        State.Pending.RemoveAll(p => p.Number == window.Number);
        _recognizedBlobs.Add(window.Blob);
        Report();
    }

    public Task<LiveTranscript> LiveAsync(long afterStartMs)
    {
        var reached = ReachedMs();
        var lines = State.Heard.Where(h => h.StartMs > afterStartMs && h.EndMs <= reached).OrderBy(h => h.StartMs).ToList();
        return Task.FromResult(new LiveTranscript(lines, reached));
    }

    public async Task<IReadOnlyList<TranscriptSegment>> PartialAsync()
    {
        if (State.Closed || State.TailBlob is not { } tail)
        {
            return [];
        }

        // One recognition per tail: the tail changes with every step (about once a second while streaming).
        if (_partial?.Blob != tail)
        {
            var grain = GrainFactory.GetGrain<IRecognitionGrain>($"{SessionId}/open/{State.Steps}");
            _partial = (tail, grain.RecognizeAsync(tail, State.FinalSamples, State.Languages));
        }

        try
        {
            return await _partial.Value.Heard;
        }
        catch (Exception e)
        {
            // The next step may have replaced (and deleted) the tail meanwhile: the next call sees the new one.
            logger.LogDebug(e, "Session {SessionId}: the open utterance could not be recognized yet", SessionId);
            return [];
        }
    }

    /// <summary>How far the text reaches: up to the first window still being recognized.</summary>
    private long ReachedMs()
    {
        var samples = State.Pending.Count > 0 ? Math.Min(State.Pending.Min(p => p.StartSample), State.FinalSamples) : State.FinalSamples;
        return samples * 1000 / PcmAudio.SampleRate;
    }

    /// <summary>Tells the session how far the text reaches.</summary>
    private void Report()
    {
        var ms = ReachedMs();
        if (ms != _reportedMs)
        {
            _reportedMs = ms;
            GrainFactory.GetGrain<ISessionGrain>(SessionId).TranscribedAsync(ms).Ignore();
        }
    }

    private void Reset(string reason)
    {
        logger.LogInformation("Session {SessionId}: transcription starts over ({Reason})", SessionId, reason);
        _generation++;
        _recognizing.Clear();
        var chunks = State.Chunks;
        state.State = new TranscriptionState { Chunks = chunks, MaxDurationMs = State.MaxDurationMs, Languages = State.Languages, NextWindow = State.NextWindow };
    }

    private async Task SaveAsync()
    {
        await _saving.WaitAsync();
        try
        {
            var deletable = _recognizedBlobs.ToList();
            await state.WriteStateAsync();
            _recognizedBlobs.RemoveAll(deletable.Contains);
            foreach (var blob in deletable)
            {
                await store.DeleteAsync(blob);
            }
        }
        finally
        {
            _saving.Release();
        }
    }
}
