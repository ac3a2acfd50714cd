namespace MedScribe.Grains.Sessions;

/// <summary>Per-session limits, bound from the <c>Sessions</c> settings section.</summary>
public sealed class SessionLimits
{
    public const string Section = "Sessions";

    /// <summary>Most audio files one session accepts.</summary>
    public int MaxChunks { get; set; } = 720;

    /// <summary>Most files a live (stream) session's socket may write: one a second, for an hour and more.</summary>
    public int MaxStreamChunks { get; set; } = 4000;

    /// <summary>Most bytes of audio one session accepts in all.</summary>
    public long MaxSessionBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>The longest chunk of a chunked session (the protocol's <c>max_chunk_duration_seconds</c>; set from <c>Msa:MaxChunkDurationSeconds</c>).</summary>
    public TimeSpan MaxChunkDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The most audio one file may decode to: a chunk's maximum (a single upload's: the session's) plus 10 %
    /// and 2 s, since container timestamps and the header-based checks at upload are not exact. A file that
    /// decodes to more (a decompression bomb, a header that lies) is skipped.
    /// </summary>
    public static long DecodeCapMs(TimeSpan maximum) => (long)(maximum.TotalMilliseconds * 1.1) + 2000;

    /// <summary>How long processing may take before what finished is returned and the rest fails with <c>timeout</c>.</summary>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often an ended session checks that its processing is running somewhere (a reminder, so it survives crashes).</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
