namespace MedScribe.Abstractions.Audit;

/// <summary>
/// One recorded access: who (a tenant and its key id, or the operator), what (the method and the route, with the
/// ids it names), when, from where, and how it ended. It never holds a body, a header value or a secret, so no PHI.
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset At,
    string Actor,
    string? TenantId,
    string? KeyId,
    string Method,
    string Route,
    string Resource,
    int Status,
    string Client,
    string TraceId);

/// <summary>What the operator asks of the trail: a time window, optionally one tenant or one resource, newest first.</summary>
public sealed record AuditQuery(DateTimeOffset From, DateTimeOffset To, string? TenantId, string? Resource, int Limit);

/// <summary>The append-only audit log: records are added, never changed or removed by the service.</summary>
public interface IAuditLog
{
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
