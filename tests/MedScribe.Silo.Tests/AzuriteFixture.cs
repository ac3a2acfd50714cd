using MedScribe.Silo.Tests;
using MedScribe.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]

namespace MedScribe.Silo.Tests;

/// <summary>One Azurite process for the whole test assembly.</summary>
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
}
