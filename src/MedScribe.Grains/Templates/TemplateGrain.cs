using MedScribe.Abstractions.Templates;
using MedScribe.Clinical.Engines;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace MedScribe.Grains.Templates;

/// <summary>Fills one template with the configured engine.</summary>
// Stateless and CPU-bound (rule engine) or I/O-bound (LLM engine): a local pool per silo, so many
// sessions filling the same template run in parallel instead of queueing behind one activation.
[StatelessWorker]
public sealed class TemplateGrain(ITemplateEngine engine, ILogger<TemplateGrain> logger) : Grain, ITemplateGrain
{
    public async Task<TemplateOutcome> ExtractAsync(TemplateJob job, CancellationToken cancellationToken = default)
    {
        // The deadline is kept here, where the work runs, so a template never outlives it even when the
        // caller's cancellation does not arrive (a caller on a silo that died).
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(job.Timeout);
        try
        {
            var data = await engine.ExtractAsync(job, deadline.Token);
            return new TemplateOutcome(job.TemplateId, data?.ToJsonString(), null, null);
        }
        catch (TemplateExtractionException e)
        {
            logger.LogInformation("Session {SessionId}: template {Template} not filled by {Engine}: {Code}", job.SessionId, job.TemplateId, engine.Name, e.Code);
            return TemplateOutcome.Failed(job.TemplateId, e.Code, e.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            logger.LogWarning("Session {SessionId}: template {Template} timed out after {Timeout} in {Engine}", job.SessionId, job.TemplateId, job.Timeout, engine.Name);
            return TemplateOutcome.Failed(job.TemplateId, "timeout", $"Template '{job.TemplateId}' was not filled within {job.Timeout}; the other templates are unaffected.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The engine's fault must not fail the session: this template fails, the others stand.
            logger.LogError(e, "Session {SessionId}: template {Template} failed in {Engine}", job.SessionId, job.TemplateId, engine.Name);
            return TemplateOutcome.Failed(job.TemplateId, TemplateExtractionException.ExtractionFailed,
                $"The extraction engine failed on template '{job.TemplateId}'; see the service logs for this session id.");
        }
    }
}
