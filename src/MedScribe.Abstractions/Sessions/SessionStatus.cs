namespace MedScribe.Abstractions.Sessions;

/// <summary>The protocol's session states; the wire form is the lower-case name.</summary>
public enum SessionStatus
{
    Created,
    Recording,
    Processing,
    Completed,
    Partial,
    Failed,
    Expired,
}

/// <summary>Wire names of <see cref="SessionStatus"/>.</summary>
public static class SessionStatusNames
{
    public static string ToWire(this SessionStatus status) => status.ToString().ToLowerInvariant();

    public static bool IsTerminal(this SessionStatus status) =>
        status is SessionStatus.Completed or SessionStatus.Partial or SessionStatus.Failed or SessionStatus.Expired;
}
