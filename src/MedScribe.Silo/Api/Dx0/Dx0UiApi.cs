namespace MedScribe.Silo.Api.Dx0;

/// <summary><c>GET /api/v1</c>: the physician web UI, served from the assembly (no CDN), and its assets under <c>/api/v1/ui/</c>.</summary>
public static class Dx0UiApi
{
    public static RouteGroupBuilder MapDx0UiApi(this RouteGroupBuilder api)
    {
        api.MapGet("", (HttpContext context) => EmbeddedAssets.Serve(context, "dx0ui", "index.html", Dx0Problem.Result))
            .WithSummary("The physician web UI (single page).");
        api.MapGet("/ui/{file}", (HttpContext context, string file) => EmbeddedAssets.Serve(context, "dx0ui", file, Dx0Problem.Result))
            .ExcludeFromDescription();
        return api;
    }
}
