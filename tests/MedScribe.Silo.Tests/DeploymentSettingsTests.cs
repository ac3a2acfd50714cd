using System.Reflection;
using System.Text.RegularExpressions;
using MedScribe.Grains.Sessions;
using MedScribe.Silo.Api.Msa;
using MedScribe.Silo.Hosting;
using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

public sealed class DeploymentSettingsTests
{
    [Fact]
    public void Every_setting_the_kubernetes_manifest_sets_is_one_the_host_binds()
    {
        var manifest = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "deploy", "kubernetes", "medscribe.yaml"));
        var names = Regex.Matches(manifest, @"- name: (\w+)\s*\n\s*(value|valueFrom):").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains(name, KnownSettings()));
        Assert.Contains("Storage__ConnectionString", names);
        Assert.Contains("Orleans__AdvertisedIPAddress", names);
        Assert.Contains("Msa__PublicBaseUrl", names);

        // The settings an operator is told to uncomment are bound too (the Whisper engine's among them).
        var commented = Regex.Matches(manifest, @"#\s*- name: (\w+)\s*\n\s*#\s*(value|valueFrom):").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("Speech__Whisper__ModelPath", commented);
        Assert.All(commented, name => Assert.Contains(name, KnownSettings()));
    }

    [Fact]
    public void The_container_image_bakes_a_whisper_model_into_the_cache_folder_the_host_reads()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "deploy", "Dockerfile"));
        Assert.Contains("ARG WHISPER_MODEL", dockerfile);
        Assert.Contains("MedScribe.Silo.dll whisper-model fetch --model \"$WHISPER_MODEL\" --quantization \"$WHISPER_QUANTIZATION\" --to /models", dockerfile);
        Assert.Contains("ENV Speech__CacheDirectory=/models", dockerfile);
        Assert.Contains("Speech__CacheDirectory", KnownSettings());
        Assert.Contains("libgomp1", dockerfile);
    }

    private static HashSet<string> KnownSettings()
    {
        var known = new HashSet<string>
        {
            "Urls", "ASPNETCORE_ENVIRONMENT",
            // The Dx0 seed's own environment variable names.
            "UI_SECRET_KEY", "UI_TOKEN_TTL", "UI_BUDGET_LIMIT", "FAILED_LOGIN_LIMIT", "FAILED_LOGIN_COOLDOWN", "MESSAGE_RATE_LIMIT",
            "MESSAGE_RATE_WINDOW", "SESSION_BACKEND", "REDIS_URL", "REDIS_PASSWORD", "SENTRY_DSN", "SESSION_CLEANUP_INTERVAL",
        };
        foreach (var property in typeof(MedScribe.Speech.Whisper.WhisperSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            known.Add($"Speech__Whisper__{property.Name}");
        }

        foreach (var type in new[] { typeof(MedScribe.Silo.Speech.SpeechSettings), typeof(StorageSettings), typeof(ClusterSettings), typeof(AdminSettings), typeof(MsaSettings), typeof(SessionLimits), typeof(MedScribe.Silo.Api.Dx0.Dx0Settings), typeof(MedScribe.Grains.Diagnostics.DiagnosticSettings) })
        {
            var section = (string)type.GetField("Section")!.GetValue(null)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                known.Add($"{section}__{property.Name}");
            }
        }

        return known;
    }
}

public sealed class StorageSettingsTests
{
    [Fact]
    public void The_credential_form_reaches_the_accounts_service_addresses_and_needs_both()
    {
        var settings = new StorageSettings
        {
            TableServiceUri = "https://acct.table.core.windows.net",
            BlobServiceUri = "https://acct.blob.core.windows.net",
            ManagedIdentityClientId = "00000000-0000-0000-0000-000000000001",
        };
        Assert.True(settings.IsComplete);
        // Building the clients makes no call; the credential is only asked for a token on the first request.
        var account = settings.CreateAccount();
        Assert.Equal("https://acct.table.core.windows.net/", account.Tables.Uri.ToString());
        Assert.Equal("https://acct.blob.core.windows.net/", account.Blobs.Uri.ToString());

        Assert.False(new StorageSettings { TableServiceUri = "https://acct.table.core.windows.net" }.IsComplete);
        Assert.False(new StorageSettings { TableServiceUri = "not a uri", BlobServiceUri = "https://acct.blob.core.windows.net" }.IsComplete);
        Assert.True(new StorageSettings { ConnectionString = "UseDevelopmentStorage=true" }.IsComplete);
        Assert.Contains("Storage:TableServiceUri and Storage:BlobServiceUri", StorageSettings.MissingAccount);
    }
}
