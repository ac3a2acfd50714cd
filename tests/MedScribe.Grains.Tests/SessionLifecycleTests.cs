using MedScribe.Abstractions;
using MedScribe.Abstractions.Sessions;
using MedScribe.Grains.Sessions;

namespace MedScribe.Grains.Tests;

/// <summary>The session state machine on its own, with time passed in.</summary>
public sealed class SessionLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly SessionLimits Limits = new() { MaxChunks = 3, MaxSessionBytes = 1000 };

    private static SessionState Created(string uploadType = "chunked")
    {
        var state = new SessionState();
        SessionLifecycle.Create(state, "ses_test", new SessionSpec("tenant-a", ["soap"], "pro", ["en"], null, uploadType, "http", null, false,
            TimeSpan.FromHours(1)), T0);
        return state;
    }

    private static ChunkUpload Chunk(int index, long length = 100, string type = "audio/wav") =>
        new(index, $"audio_{index}.wav", type, $"blob/{index}", length, "sha", 1000);

    [Fact]
    public void A_new_session_is_created_and_expires_after_its_maximum_duration()
    {
        var state = Created();

        Assert.Equal(SessionStatus.Created, state.Status);
        Assert.Equal(T0.AddHours(1), state.ExpiresAt);
        var again = Assert.Throws<ProtocolException>(() => SessionLifecycle.Create(state, "ses_test", state.Spec!, T0));
        Assert.Equal(409, again.HttpStatus);
    }

    [Fact]
    public void Expiry_happens_exactly_at_expires_at_and_only_before_end()
    {
        var state = Created();

        Assert.False(SessionLifecycle.ExpireIfDue(state, T0.AddHours(1).AddTicks(-1)));
        Assert.True(SessionLifecycle.ExpireIfDue(state, T0.AddHours(1)));
        Assert.Equal(SessionStatus.Expired, state.Status);
        Assert.Equal(T0.AddHours(1), state.ExpiredAt);

        var ended = Created();
        SessionLifecycle.End(ended, null, T0.AddMinutes(5));
        Assert.False(SessionLifecycle.ExpireIfDue(ended, T0.AddHours(2)));
        Assert.Equal(SessionStatus.Processing, ended.Status);
    }

    [Fact]
    public void An_expired_session_refuses_audio_and_end_with_410_session_expired()
    {
        var state = Created();
        SessionLifecycle.ExpireIfDue(state, T0.AddHours(2));

        var upload = Assert.Throws<ProtocolException>(() => SessionLifecycle.EnsureAcceptsAudio(state, 0, "audio_0.wav", "audio/wav", false, Limits));
        var end = Assert.Throws<ProtocolException>(() => SessionLifecycle.End(state, null, T0.AddHours(2)));

        Assert.Equal(("session_expired", 410), (upload.Code, upload.HttpStatus));
        Assert.Equal(("session_expired", 410), (end.Code, end.HttpStatus));
        Assert.Contains("\"expired_at\"", upload.DetailsJson);
    }

    [Fact]
    public void The_first_upload_moves_to_recording_and_a_resent_index_replaces_the_earlier_file()
    {
        var state = Created();

        Assert.Null(SessionLifecycle.AddChunk(state, Chunk(0), Limits));
        Assert.Equal(SessionStatus.Recording, state.Status);
        var replaced = SessionLifecycle.AddChunk(state, Chunk(0, 200) with { BlobName = "blob/0b" }, Limits);

        Assert.Equal("blob/0", replaced?.BlobName);
        Assert.Equal(200, Assert.Single(state.Chunks).Length);
    }

    [Fact]
    public void Limits_on_file_count_total_bytes_and_format_are_enforced()
    {
        var state = Created();
        for (var i = 0; i < 3; i++)
        {
            SessionLifecycle.AddChunk(state, Chunk(i), Limits);
        }

        Assert.Equal("invalid_request", Assert.Throws<ProtocolException>(() =>
            SessionLifecycle.EnsureAcceptsAudio(state, 3, "audio_3.wav", "audio/wav", false, Limits)).Code);
        SessionLifecycle.EnsureAcceptsAudio(state, 2, "audio_2.wav", "audio/x-wav", false, Limits);
        Assert.Equal("invalid_audio_format", Assert.Throws<ProtocolException>(() =>
            SessionLifecycle.EnsureAcceptsAudio(state, 2, "audio_2.webm", "audio/webm", false, Limits)).Code);
        Assert.Equal(413, Assert.Throws<ProtocolException>(() => SessionLifecycle.AddChunk(state, Chunk(2, 900), Limits)).HttpStatus);
    }

    [Fact]
    public void End_moves_to_processing_once_and_outcomes_decide_the_final_state()
    {
        var state = Created();
        SessionLifecycle.AddChunk(state, Chunk(0), Limits);
        SessionLifecycle.End(state, 1, T0.AddMinutes(3));

        Assert.Equal(SessionStatus.Processing, state.Status);
        Assert.Equal(1, state.AudioFilesSent);
        Assert.Equal("invalid_request", Assert.Throws<ProtocolException>(() => SessionLifecycle.End(state, null, T0)).Code);
        Assert.Equal("session_ended", Assert.Throws<ProtocolException>(() =>
            SessionLifecycle.EnsureAcceptsAudio(state, 1, "audio_1.wav", "audio/wav", false, Limits)).Code);

        Assert.True(SessionLifecycle.Finish(state, new PipelineOutcome("Doctor: hi", "{}", "en", 1, [], null, null, AnyTemplateFailed: true), T0.AddMinutes(4)));
        Assert.Equal(SessionStatus.Partial, state.Status);
        Assert.False(SessionLifecycle.Finish(state, PipelineOutcome.Failed("timeout", "late duplicate"), T0.AddMinutes(5)));
        Assert.Equal(SessionStatus.Partial, state.Status);
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2 }, 3, "completed", new int[0])]
    [InlineData(new[] { 0, 2 }, null, "partial", new[] { 1 })]
    [InlineData(new[] { 0, 1 }, 4, "partial", new[] { 2, 3 })]
    [InlineData(new[] { 1 }, 1, "partial", new[] { 0 })]
    public void Audio_missing_at_end_makes_the_session_partial_naming_each_missing_index(int[] received, int? sent, string status, int[] missing)
    {
        var state = Created();
        var limits = new SessionLimits { MaxChunks = 10, MaxSessionBytes = 10_000 };
        foreach (var index in received)
        {
            SessionLifecycle.AddChunk(state, Chunk(index), limits);
        }

        SessionLifecycle.End(state, sent, T0);
        SessionLifecycle.Finish(state, new PipelineOutcome("Doctor: hi", "{}", "en", received.Length, [], null, null), T0);
        Assert.Equal(status, state.Status.ToWire());
        var errors = state.Outcome!.ProcessingErrors;
        Assert.Equal(missing.Length, errors.Count);
        Assert.All(errors, e => Assert.Equal("missing_audio", e.Type));
        Assert.All(missing.Zip(errors), p => Assert.Contains($"Audio file {p.First} never arrived", p.Second.Message));
    }

    [Fact]
    public void A_failed_outcome_stays_failed_whatever_is_missing()
    {
        var state = Created();
        SessionLifecycle.AddChunk(state, Chunk(0), Limits);
        SessionLifecycle.End(state, 3, T0);
        SessionLifecycle.Finish(state, PipelineOutcome.Failed("audio_quality_poor", "no speech"), T0);
        Assert.Equal(SessionStatus.Failed, state.Status);
        Assert.Empty(state.Outcome!.ProcessingErrors);
    }

    [Fact]
    public void A_finished_session_keeps_its_transcript_once_as_timed_lines()
    {
        var state = Created();
        SessionLifecycle.AddChunk(state, Chunk(0), Limits);
        SessionLifecycle.End(state, 1, T0.AddMinutes(3));
        state.TranscribedMs = 3000;
        TranscriptSegment[] lines = [new("Doctor", "how are you", 100, 1200, 0.9), new("Patient", "fine thanks", 1500, 2400, 0.8)];

        Assert.True(SessionLifecycle.Finish(state, new PipelineOutcome("Doctor: how are you\nPatient: fine thanks", "{}", "en", 1, [], null, null, false, lines), T0.AddMinutes(4)));
        Assert.Null(state.Outcome!.Transcript);
        var view = state.ToView();
        Assert.Equal("Doctor: how are you\nPatient: fine thanks", view.Transcript);
        Assert.Equal(3000, view.TranscribedMs);

        // An engine that gives no timed lines keeps its text.
        var other = Created();
        SessionLifecycle.AddChunk(other, Chunk(0), Limits);
        SessionLifecycle.End(other, 1, T0);
        SessionLifecycle.Finish(other, new PipelineOutcome("Doctor: resumed.", "{}", "en", 1, [], null, null), T0);
        Assert.Equal("Doctor: resumed.", other.ToView().Transcript);
    }

    [Theory]
    [InlineData(null, false, "completed")]
    [InlineData("processing_failed", false, "failed")]
    [InlineData(null, true, "partial")]
    public void The_outcome_maps_to_completed_partial_or_failed(string? errorCode, bool templateFailed, string expected)
    {
        var state = Created();
        SessionLifecycle.AddChunk(state, Chunk(0), Limits);
        SessionLifecycle.End(state, null, T0);

        SessionLifecycle.Finish(state, new PipelineOutcome("t", "{}", "en", 1, [], errorCode, errorCode is null ? null : "m", templateFailed), T0);

        Assert.Equal(expected, state.Status.ToWire());
    }

    [Fact]
    public void Another_tenant_cannot_see_the_session()
    {
        var state = Created();

        SessionLifecycle.EnsureVisibleTo(state, "ses_test", "tenant-a");
        var hidden = Assert.Throws<ProtocolException>(() => SessionLifecycle.EnsureVisibleTo(state, "ses_test", "tenant-b"));
        Assert.Equal(("session_not_found", 404), (hidden.Code, hidden.HttpStatus));
        Assert.Equal("session_not_found", Assert.Throws<ProtocolException>(() =>
            SessionLifecycle.EnsureVisibleTo(new SessionState(), "ses_none", "tenant-a")).Code);
    }
}
