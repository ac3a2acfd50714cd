using Xunit;

using MedScribe.Testing;

namespace MedScribe.Testing;

/// <summary>
/// One Azurite process for a whole test assembly (declare it with
/// <c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c>); tests isolate themselves by names.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public async ValueTask InitializeAsync() => _azurite = await AzuriteInstance.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A table or container name no other test uses (letters and digits, starts with a letter).</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
