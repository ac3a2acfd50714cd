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
    Task<UploadTicket> PrepareUploadAsync(string tenantId, int? index, string fileName, string contentType, bool single, bool appendWhenUnnumbered = false);

    /// <summary>
    /// Records a stored upload in the manifest; a re-sent index replaces the earlier file.
    /// <paramref name="probeCarry"/> is where the container reader stood at its end, for the next chunk's duration.
    /// </summary>
    Task<ChunkReceipt> AddChunkAsync(string tenantId, ChunkUpload chunk, byte[]? probeCarry = null);

    /// <summary>Ends the session and starts processing.</summary>
    Task<SessionView> EndAsync(string tenantId, int? audioFilesSent);

    /// <summary>How far the transcription has got (reported by the session's transcription as it goes).</summary>
    [OneWay]
    Task TranscribedAsync(long transcribedMs);
}
