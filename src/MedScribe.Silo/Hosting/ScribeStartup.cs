using MedScribe.Silo.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Hosting;

/// <summary>Start-up that fails fast and plainly: bad settings or unreachable storage give one log line and a non-zero exit.</summary>
public static class ScribeStartup
{
    /// <summary>Exit code for settings that fail validation.</summary>
    public const int InvalidSettings = 2;

    /// <summary>Exit code for a storage account that cannot be reached.</summary>
    public const int StorageUnreachable = 3;

    /// <summary>Validates settings, checks storage, then runs until shut down; returns the process exit code.</summary>
    public static async Task<int> RunScribeAsync(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MedScribe.Startup");
        try
        {
            _ = app.Services.GetRequiredService<IOptions<ClusterSettings>>().Value;
            _ = app.Services.GetRequiredService<IOptions<AdminSettings>>().Value;
            _ = app.Services.GetRequiredService<IOptions<StorageSettings>>().Value;
            _ = app.Services.GetRequiredService<IOptions<MedScribe.Grains.Webhooks.WebhookSettings>>().Value;
            _ = app.Services.GetRequiredService<IOptions<MedScribe.Silo.Speech.SpeechSettings>>().Value;
            MedScribe.Silo.Api.Dx0.Dx0Setup.Verify(app.Services);
            // Storage that is starting, or a loaded machine, may miss one try: the probe tries again for up to 45 s while the
            // failure may pass, and gives up at once on a refusal.
            await app.Services.GetRequiredService<StorageProbe>().CheckPatientlyAsync(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(15),
                (e, wait) => log.LogWarning("Storage did not answer yet ({Reason}); trying again in {Wait} s", e.Message, wait.TotalSeconds), app.Lifetime.ApplicationStopping);
            // The speech engine's files are checked now: a missing model is a start-up error, not a failed session.
            _ = app.Services.GetService<MedScribe.Speech.ISpeechRecognizer>();
        }
        catch (MedScribe.Speech.PocketSphinx.SpeechEngineException e)
        {
            log.LogCritical("Cannot start: {Reason} (or set Speech__Engine=none to run without speech recognition)", e.Message);
            return InvalidSettings;
        }
        catch (Exception e) when (e is PhysicianUsersException or MedScribe.Diagnostics.Cases.CaseLibraryException or MedScribe.Diagnostics.Testing.TestCatalogException)
        {
            log.LogCritical("Cannot start: {Reason}", e.Message);
            return InvalidSettings;
        }
        catch (OptionsValidationException e)
        {
            log.LogCritical("Invalid settings: {Failures}", string.Join(" ", e.Failures));
            return InvalidSettings;
        }
        catch (StorageProbeException e)
        {
            log.LogCritical("Cannot start: {Reason}", e.Message);
            return StorageUnreachable;
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, log));
        // The extractor loads its pronunciation dictionary once; done now, off the start path, it logs whether
        // misheard drug names are matched by sound before the first session needs it.
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => app.Services.GetRequiredService<MedScribe.Clinical.ClinicalExtractor>()));
        await app.RunAsync();
        return 0;
    }

    private static void PrintBanner(WebApplication app, ILogger log)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "(unknown)";
        var admin = app.Services.GetRequiredService<IOptions<AdminSettings>>().Value;
        var configured = !string.IsNullOrEmpty(app.Configuration[$"{AdminSettings.Section}:ApiKey"]);
        log.LogInformation(
            "Admin auth for the dashboard: header {Header}: <key>, or HTTP Basic with any user name and the key as password. {KeySource}",
            AdminKeyAuthenticationHandler.HeaderName,
            configured ? "The key is Admin:ApiKey from configuration." : $"Development key generated for this run: {admin.ApiKey}");
        if (app.Services.GetRequiredService<TenantProvisioning>() is { DevApiKey: { } devKey } provisioning)
        {
            log.LogInformation(
                "MedScribeAlliance API: {Url}/v1 with header X-API-Key: {Key} (tenant '{Tenant}'; {Source}). Discovery: {Url}/.well-known/medscribealliance",
                url, provisioning.DevApiKeyGenerated ? devKey : "<from DevTenant:ApiKey>", DevTenantSettings.TenantId,
                provisioning.DevApiKeyGenerated ? "generated for this run; set DevTenant__ApiKey to fix it" : "from DevTenant:ApiKey", url);
        }

        var dx0Users = app.Services.GetRequiredService<PhysicianUsers>();
        if (app.Services.GetService<MedScribe.Silo.Api.Dx0.Dx0DevUsers>() is { } dev)
        {
            // Only a password generated for this run is printed; one from the environment is the operator's and stays unseen.
            static string Shown(string password, bool generated, string variable) => generated ? password : $"<from {variable}>";
            log.LogInformation(
                "Dx0 physician API: {Url}/api/v1 (web UI) - log in as '{Physician}' / {PhysicianPassword} or '{Admin}' / {AdminPassword} (Development users; {Source}){File}",
                url, MedScribe.Silo.Api.Dx0.Dx0DevUsers.PhysicianUser,
                Shown(dev.PhysicianPassword, dev.PhysicianGenerated, MedScribe.Silo.Api.Dx0.Dx0DevUsers.PhysicianPasswordVariable),
                MedScribe.Silo.Api.Dx0.Dx0DevUsers.AdminUser,
                Shown(dev.AdminPassword, dev.AdminGenerated, MedScribe.Silo.Api.Dx0.Dx0DevUsers.AdminPasswordVariable),
                dev.PhysicianGenerated || dev.AdminGenerated
                    ? $"generated passwords are for this run only; set {MedScribe.Silo.Api.Dx0.Dx0DevUsers.PhysicianPasswordVariable} and {MedScribe.Silo.Api.Dx0.Dx0DevUsers.AdminPasswordVariable} to fix them"
                    : "passwords from the environment",
                dx0Users.FilePath is { } file ? $", plus the users in {file}" : "");
        }
        else
        {
            log.LogInformation("Dx0 physician API: {Url}/api/v1 (web UI); {Count} users from {File}", url, dx0Users.All.Count, dx0Users.FilePath);
        }

        // Last, so whoever waits for this line has seen how to authenticate.
        log.LogInformation(
            "MedScribe is listening on {Url} | dashboard {Url}/dashboard | API reference {Url}/docs | health {Url}/health/ready",
            url, url, url, url);
    }
}
