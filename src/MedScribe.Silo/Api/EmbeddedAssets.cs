using System.Reflection;

namespace MedScribe.Silo.Api;

/// <summary>
/// Serves the web pages and scripts embedded in the host assembly (Dx0Ui/, WebApp/): nothing is loaded from a
/// CDN, and the Content-Security-Policy allows only our own origin.
/// </summary>
public static class EmbeddedAssets
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; script-src 'self'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>The asset <paramref name="file"/> of <paramref name="folder"/>, or a 404 for anything else (no paths, no other types).</summary>
    public static IResult Serve(HttpContext context, string folder, string file, Func<int, string, IResult> notFound)
    {
        if (!ContentTypes.TryGetValue(Path.GetExtension(file), out var type) || file.Contains('/') || file.Contains('\\') || file.Contains(".."))
        {
            return notFound(404, "Not found.");
        }

        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"{folder}/{file}");
        if (stream is null)
        {
            return notFound(404, "Not found.");
        }

        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(stream, type);
    }
}
