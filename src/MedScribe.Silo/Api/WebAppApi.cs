using MedScribe.Silo.Api.Msa;

namespace MedScribe.Silo.Api;

/// <summary>
/// The scribe web app at <c>/</c> (record or upload a consult, watch it, read the note) and the browser SDK at
/// <c>/sdk/medscribe.js</c>, both served from the assembly.
/// </summary>
public static class WebAppApi
{
    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.MapGet("/", (HttpContext context) => EmbeddedAssets.Serve(context, "webapp", "index.html", NotFound))
            .WithSummary("The scribe web app.").WithTags("Web app");
        app.MapGet("/app/{file}", (HttpContext context, string file) => EmbeddedAssets.Serve(context, "webapp", file, NotFound))
            .ExcludeFromDescription();
        app.MapGet("/sdk/medscribe.js", (HttpContext context) =>
            {
                // An EMR page on another origin imports the SDK as a module, which needs CORS; the script holds no secrets.
                context.Response.Headers.AccessControlAllowOrigin = "*";
                return EmbeddedAssets.Serve(context, "webapp", "medscribe.js", NotFound);
            })
            .WithSummary("The browser SDK: a plain ES module (discovery, sessions, chunked MediaRecorder upload with retry, polling, postMessage delivery).")
            .WithTags("Web app");
        return app;
    }

    private static IResult NotFound(int status, string message) => MsaErrors.Json(MsaErrors.Envelope("not_found", message), status);
}
