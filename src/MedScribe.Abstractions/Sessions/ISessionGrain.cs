using Orleans.Concurrency;

namespace MedScribe.Abstractions.Sessions;

/// <summary>One consult: its lifecycle, its chunk manifest and its results. Keyed by session id.</summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Creates the session; fails if the id is already taken.</summary>
    Task<SessionView> CreateAsync(SessionSpec spec);

    /// <summary>The session as the tenant sees it; another tenant gets session_not_found.</summary>
    Task<SessionView> GetAsync(string tenantId);

    /// <summary>The finished transcript's lines with speakers and times (empty until processing produced them).</summary>
    Task<IReadOnlyList<TranscriptSegment>> GetTranscriptLinesAsync(string tenantId);

    /// <summary>
    /// Checks that an upload may start and says where to stream it. A null index (a file name without a
    /// numeric suffix) is accepted only as the one file of a single-upload session.
    /// </summary>
    Task<UploadTicket> PrepareUploadAsync(string tenantId, int? index, string fileName, string contentType, bool single, bool appendWhenUnnumbered = false,
        int? streamGeneration = null);

    /// <summary>
    /// Records a stored upload in the manifest; a re-sent index replaces the earlier file.
    /// <paramref name="probeCarry"/> is where the container reader stood at its end, for the next chunk's duration.
    /// A live stream's files carry the <paramref name="streamGeneration"/> of the socket that wrote them: a socket
    /// superseded by a resumed one writes nothing more (<c>409 stream_superseded</c>).
    /// </summary>
    Task<ChunkReceipt> AddChunkAsync(string tenantId, ChunkUpload chunk, byte[]? probeCarry = null, int? streamGeneration = null);

    /// <summary>Ends the session and starts processing.</summary>
    Task<SessionView> EndAsync(string tenantId, int? audioFilesSent);

    /// <summary>A short-lived, single-use token that opens this live session's WebSocket (for browsers, which cannot send X-API-Key there).</summary>
    Task<StreamToken> IssueStreamTokenAsync(string tenantId, TimeSpan lifetime);

    /// <summary>The tenant a stream token was issued to; a token unknown, used or expired is <c>401 authentication_failed</c>.</summary>
    Task<string> RedeemStreamTokenAsync(string token);

    /// <summary>
    /// Opens (or reopens) the live session's stream in <paramref name="format"/>: the format must be the one
    /// it started with; the answer says where the stream stands (files and audio bytes held).
    /// </summary>
    Task<StreamPosition> OpenStreamAsync(string tenantId, string format);

    /// <summary>How far the transcription has got (reported by the session's transcription as it goes).</summary>
    [OneWay]
    Task TranscribedAsync(long transcribedMs);
}

/// <summary>A stream token and when it stops working.</summary>
[GenerateSerializer, Immutable]
public sealed record StreamToken([property: Id(0)] string Token, [property: Id(1)] DateTimeOffset ExpiresAt);

/// <summary>Where a live session's stream stands: the next file's index and the audio bytes already held.</summary>
[GenerateSerializer, Immutable]
public sealed record StreamPosition([property: Id(0)] int NextIndex, [property: Id(1)] long ReceivedBytes, [property: Id(2)] string Format,
    [property: Id(3)] int Generation);
