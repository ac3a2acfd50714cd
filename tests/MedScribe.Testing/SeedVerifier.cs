using System.Diagnostics;

namespace MedScribe.Testing;

/// <summary>Runs seed 000's Python <c>verify_signature</c>, exactly as printed in the seed (python3 is on the machine).</summary>
public static class SeedVerifier
{
    /// <summary>What the seed's function prints for this body, header and secret: <c>True</c> or <c>False</c>.</summary>
    public static async Task<string> RunAsync(byte[] body, string header, string secret, CancellationToken cancellationToken)
    {
        var seed = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "..", "shared", "seeds", "000_d1f3740028f0f60f.txt"), cancellationToken);
        var start = seed.IndexOf("import hmac", StringComparison.Ordinal);
        var end = seed.IndexOf("# Verify before processing", start, StringComparison.Ordinal);
        var verifier = seed[start..end];
        var script = verifier + "\nimport sys\npayload = sys.stdin.buffer.read().decode('utf-8')\nprint(verify_signature(payload, sys.argv[1], sys.argv[2]))\n";

        using var process = Process.Start(new ProcessStartInfo("python3")
        {
            ArgumentList = { "-c", script, header, secret },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.StandardInput.BaseStream.WriteAsync(body, cancellationToken);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"The seed's verifier failed: {error}");
    }
}
