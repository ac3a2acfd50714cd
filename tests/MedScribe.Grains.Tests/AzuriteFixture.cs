using MedScribe.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
