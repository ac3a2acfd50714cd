using System.Reflection;

namespace MedScribe.Silo.Api.Dx0;

/// <summary><c>GET /api/v1</c>: the physician web UI, served from the assembly (no CDN), and its assets under <c>/api/v1/ui/</c>.</summary>
public static class Dx0UiApi
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static RouteGroupBuilder MapDx0UiApi(this RouteGroupBuilder api)
    {
        api.MapGet("", (HttpContext context) => Asset(context, "index.html")).WithSummary("The physician web UI (single page).");
        api.MapGet("/ui/{file}", (HttpContext context, string file) => Asset(context, file)).ExcludeFromDescription();
        return api;
    }

    private static IResult Asset(HttpContext context, string file)
    {
        var extension = Path.GetExtension(file);
        if (!ContentTypes.TryGetValue(extension, out var type) || file.Contains('/') || file.Contains(".."))
        {
            return Dx0Problem.Result(404, "Not found.");
        }

        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("dx0ui/" + file);
        if (stream is null)
        {
            return Dx0Problem.Result(404, "Not found.");
        }

        // Only our own origin: the page works offline from any CDN and injected scripts cannot run.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; script-src 'self'";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(stream, type);
    }
}
