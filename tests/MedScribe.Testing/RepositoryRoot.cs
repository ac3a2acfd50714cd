namespace MedScribe.Testing;

/// <summary>Finds the repository checkout the tests run from.</summary>
public static class RepositoryRoot
{
    /// <summary>The nearest ancestor of the test binaries that holds MedScribe.Orleans.sln.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MedScribe.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MedScribe.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
