using System.Text.Json.Nodes;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Templates;
using MedScribe.Abstractions.Tenancy;
using MedScribe.Clinical.Engines;
using MedScribe.Grains.Templates;
using MedScribe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace MedScribe.Grains.Tests;

/// <summary>Each template succeeds or fails on its own through the TemplateGrain pool (chapter 9 of the protocol).</summary>
public sealed class TemplateRunnerTests(AzuriteFixture azurite)
{
    /// <summary>An engine whose behaviour per template the test decides: data, a hang, a crash, a refusal.</summary>
    private sealed class ScriptedEngine : ITemplateEngine
    {
        public string Name => "scripted";

        public async Task<JsonNode?> ExtractAsync(TemplateJob job, CancellationToken cancellationToken)
        {
            switch (job.TemplateId)
            {
                case "hpi":
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    return null;
                case "medications":
                    throw new InvalidOperationException("engine bug");
                case "vitals":
                    throw new TemplateExtractionException(TemplateExtractionException.InsufficientAudio, "too little said");
                default:
                    return new JsonObject { ["template"] = job.TemplateId, ["custom"] = job.Custom?.Name, ["lines"] = job.Utterances.Count };
            }
        }
    }

    [Fact]
    public async Task Each_template_succeeds_fails_or_times_out_on_its_own_and_tenant_templates_are_filled_by_definition()
    {
        var cancel = TestContext.Current.CancellationToken;
        var service = AzuriteFixture.UniqueName("templates");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.ConfigureForFailover(service, azurite.ConnectionString);
            silo.Services.AddSingleton<ITemplateEngine, ScriptedEngine>();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync(cancel);
        try
        {
            var tenant = cluster.Client.GetGrain<ITenantGrain>("clinic-t");
            await tenant.EnsureAsync("Clinic T", 0);
            await tenant.PutTemplateAsync(new CustomTemplate("cardio_note", "Cardio note", "", [new TemplateSection("plan", "Plan", "")]));
            var runner = new TemplateRunner(cluster.Client, new ExtractionSettings { TemplateTimeout = TimeSpan.FromSeconds(2) }, NullLogger<TemplateRunner>.Instance);
            var session = new SessionView("ses_runner", SessionStatus.Processing, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1), null, null, null, "pro",
                ["transcript", "soap", "hpi", "medications", "vitals", "cardio_note", "other_clinics_note"], null, false, [], 0, null, null, null, null, [], null, 0, "chunked",
                TenantId: "clinic-t");
            IReadOnlyList<TranscriptSegment> lines = [new("Doctor", "How are you?", 0, 900, 0.9), new("Patient", "Better.", 1000, 1500, 0.9)];

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (results, anyFailed) = await runner.RunAsync(session, "clinic-t", "Doctor: How are you?\nPatient: Better.", lines, cancel);

            Assert.True(anyFailed);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
            Assert.Equal(["transcript", "soap", "hpi", "medications", "vitals", "cardio_note", "other_clinics_note"], results.Select(r => r.Key));
            Assert.Equal("Doctor: How are you?\nPatient: Better.", results["transcript"]!["data"]!["text"]!.GetValue<string>());
            Assert.Equal(2, results["soap"]!["data"]!["lines"]!.GetValue<int>());
            Assert.Equal(("failed", "timeout"), Status(results, "hpi"));
            Assert.Equal(("failed", "extraction_failed"), Status(results, "medications"));
            Assert.DoesNotContain("engine bug", results["medications"]!["error"]!["message"]!.GetValue<string>());
            Assert.Equal(("failed", "insufficient_audio"), Status(results, "vitals"));
            Assert.Equal("Cardio note", results["cardio_note"]!["data"]!["custom"]!.GetValue<string>());
            Assert.Equal(("failed", "template_not_found"), Status(results, "other_clinics_note"));
        }
        finally
        {
            await cluster.StopAllSilosAsync(cancel);
            await cluster.DisposeAsync();
        }
    }

    private static (string, string?) Status(JsonObject results, string id) =>
        (results[id]!["status"]!.GetValue<string>(), results[id]!["error"]?["code"]?.GetValue<string>());
}
