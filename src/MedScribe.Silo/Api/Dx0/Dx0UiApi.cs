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
        api.MapGet("", () => Asset("index.html")).WithSummary("The physician web UI (single page).");
        api.MapGet("/", () => Asset("index.html")).ExcludeFromDescription();
        api.MapGet("/ui/{file}", (string file) => Asset(file)).ExcludeFromDescription();
        return api;
    }

    private static IResult Asset(string file)
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

        return Results.Stream(stream, type);
    }
}
