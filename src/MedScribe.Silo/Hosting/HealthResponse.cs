using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedScribe.Silo.Hosting;

/// <summary>Writes a readiness report an operator can read: overall status plus each check's verdict.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
