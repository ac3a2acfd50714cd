using System.Diagnostics;
using MedScribe.Speech.PocketSphinx;
using Whisper.net.Ggml;

namespace MedScribe.Speech.Whisper;

/// <summary>
/// Finds the Whisper model the settings name: <c>Speech:Whisper:ModelPath</c> as it is, or
/// <c>Speech:Whisper:Model</c> in the cache folder, downloaded there first (with Whisper.net's downloader,
/// to a temporary file renamed into place once whole and checked) when <c>Speech:Whisper:AllowDownload</c>
/// says so. Every failure is a <see cref="SpeechEngineException"/> that names the settings to change.
/// </summary>
public static class WhisperModels
{
    /// <summary>The names <c>Speech:Whisper:Model</c> accepts, as whisper.cpp's files are called (<c>ggml-{name}.bin</c>).</summary>
    public static readonly IReadOnlyDictionary<string, GgmlType> Names = new Dictionary<string, GgmlType>
    {
        ["tiny"] = GgmlType.Tiny, ["tiny.en"] = GgmlType.TinyEn, ["base"] = GgmlType.Base, ["base.en"] = GgmlType.BaseEn,
        ["small"] = GgmlType.Small, ["small.en"] = GgmlType.SmallEn, ["medium"] = GgmlType.Medium, ["medium.en"] = GgmlType.MediumEn,
        ["large-v1"] = GgmlType.LargeV1, ["large-v2"] = GgmlType.LargeV2, ["large-v3"] = GgmlType.LargeV3, ["large-v3-turbo"] = GgmlType.LargeV3Turbo,
    };

    public static readonly IReadOnlyDictionary<string, QuantizationType> Quantizations = new Dictionary<string, QuantizationType>
    {
        ["none"] = QuantizationType.NoQuantization, ["q4_0"] = QuantizationType.Q4_0, ["q4_1"] = QuantizationType.Q4_1,
        ["q5_0"] = QuantizationType.Q5_0, ["q5_1"] = QuantizationType.Q5_1, ["q8_0"] = QuantizationType.Q8_0,
    };

    private const string HuggingFace = "https://huggingface.co";

    /// <summary>The file name a named model has in the cache folder.</summary>
    public static string FileName(string model, string quantization) =>
        quantization == "none" ? $"ggml-{model}.bin" : $"ggml-{model}-{quantization}.bin";

    /// <summary>The model file to load, checked with <see cref="WhisperModelFile"/>, downloading it when allowed.</summary>
    public static async Task<WhisperModelInfo> LocateAsync(WhisperSettings settings, string cacheDirectory, Action<string> log, CancellationToken cancellationToken,
        HttpMessageHandler? handler = null)
    {
        if (settings.ModelPath.Length > 0)
        {
            return Check(settings.ModelPath, "Speech:Whisper:ModelPath");
        }

        if (settings.Model.Length == 0)
        {
            throw new SpeechEngineException("Speech:Engine is whisper but no model is configured: set Speech:Whisper:ModelPath to a ggml model file, " +
                $"or Speech:Whisper:Model to one of {string.Join(", ", Names.Keys)} (with Speech:Whisper:AllowDownload=true to fetch it at first start).");
        }

        if (!Names.TryGetValue(settings.Model, out var type))
        {
            throw new SpeechEngineException($"Speech:Whisper:Model '{settings.Model}' is not a Whisper model name; use one of {string.Join(", ", Names.Keys)}, or Speech:Whisper:ModelPath for a file of your own.");
        }

        if (!Quantizations.TryGetValue(settings.Quantization, out var quantization))
        {
            throw new SpeechEngineException($"Speech:Whisper:Quantization '{settings.Quantization}' is not one of {string.Join(", ", Quantizations.Keys)}.");
        }

        var path = Path.Combine(cacheDirectory, FileName(settings.Model, settings.Quantization));
        if (File.Exists(path))
        {
            return Check(path, "the cached model (delete it to download it again)");
        }

        if (!settings.AllowDownload)
        {
            throw new SpeechEngineException($"The Whisper model '{settings.Model}' is not in {cacheDirectory} and Speech:Whisper:AllowDownload is false: " +
                $"put {Path.GetFileName(path)} there (Speech:CacheDirectory), point Speech:Whisper:ModelPath at a model file, or set Speech:Whisper:AllowDownload=true.");
        }

        return await DownloadAsync(type, quantization, path, settings, log, cancellationToken, handler);
    }

    private static WhisperModelInfo Check(string path, string source)
    {
        try
        {
            return WhisperModelFile.Read(path);
        }
        catch (SpeechEngineException e)
        {
            throw new SpeechEngineException($"{e.Message} (from {source})", e);
        }
    }

    private static async Task<WhisperModelInfo> DownloadAsync(GgmlType type, QuantizationType quantization, string path, WhisperSettings settings, Action<string> log,
        CancellationToken cancellationToken, HttpMessageHandler? handler)
    {
        var source = settings.DownloadMirror.Length > 0 ? settings.DownloadMirror.TrimEnd('/') : HuggingFace;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.{Environment.ProcessId}.partial";
        using var http = new HttpClient(new MirrorHandler(source, handler ?? new SocketsHttpHandler()), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.DownloadTimeout);
        var watch = Stopwatch.StartNew();
        log($"Speech: downloading the Whisper model {settings.Model} ({settings.Quantization}) from {source} to {path}");
        try
        {
            await using (var network = await new WhisperGgmlDownloader(http).GetGgmlModelAsync(type, quantization, timeout.Token))
            await using (var file = File.Create(partial))
            {
                var buffer = new byte[1 << 20];
                long total = 0, reported = 0;
                int read;
                while ((read = await network.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
                    total += read;
                    if (total - reported >= 100L << 20)
                    {
                        reported = total;
                        log($"Speech: {total >> 20:N0} MB of the Whisper model downloaded");
                    }
                }
            }

            var checkedModel = Check(partial, $"the download from {source}");
            File.Move(partial, path, overwrite: true);
            log($"Speech: Whisper model {settings.Model} downloaded ({new FileInfo(path).Length >> 20:N0} MB in {watch.Elapsed.TotalSeconds:F0} s)");

            return checkedModel with { Path = path };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or SpeechEngineException)
        {
            File.Delete(partial);
            var reason = e switch
            {
                OperationCanceledException when !cancellationToken.IsCancellationRequested => $"no complete answer within Speech:Whisper:DownloadTimeout ({settings.DownloadTimeout})",
                HttpRequestException { StatusCode: { } status } => $"the server answered {(int)status} {status}",
                _ => e.Message,
            };
            throw new SpeechEngineException($"The Whisper model '{settings.Model}' could not be downloaded from {source}: {reason}. " +
                $"Check the network (or Speech:Whisper:DownloadMirror), or put {Path.GetFileName(path)} in Speech:CacheDirectory, or set Speech:Whisper:ModelPath.", e);
        }
    }

    /// <summary>Sends Whisper.net's Hugging Face requests to a mirror with the same paths.</summary>
    private sealed class MirrorHandler(string source, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (source != HuggingFace && request.RequestUri is { } uri)
            {
                request.RequestUri = new Uri(source + uri.PathAndQuery);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
