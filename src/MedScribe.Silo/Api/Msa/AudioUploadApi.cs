using System.Text.RegularExpressions;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Audio;
using MedScribe.Grains.Sessions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MedScribe.Silo.Api.Msa;

/// <summary>
/// <c>POST /v1/sessions/{id}/audio</c> in every form both protocol versions use: multipart (<c>file</c>
/// field), a raw body named by <c>Content-Disposition</c> or numbered by <c>X-Chunk-Index</c>, and a
/// single file with <c>X-Upload-Type: complete</c>. The audio streams straight into blob storage; the
/// session grain only ever sees the blob's name, size, hash and duration.
/// </summary>
public static partial class AudioUploadApi
{
    public static RouteGroupBuilder MapAudioUploadApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/sessions/{sessionId}/audio", (string sessionId, HttpContext context, IGrainFactory grains, IAudioStore store, IOptions<MsaSettings> options) =>
            UploadAsync(sessionId, null, context, grains, store, options)).DisableAntiforgery();
        // The protocol's reference client (examples/reference_server/example_client.py) posts each file raw under its name.
        v1.MapPost("/sessions/{sessionId}/audio/{fileName}", (string sessionId, string fileName, HttpContext context, IGrainFactory grains, IAudioStore store, IOptions<MsaSettings> options) =>
            UploadAsync(sessionId, fileName, context, grains, store, options)).DisableAntiforgery();
        return v1;
    }

    private static async Task<IResult> UploadAsync(string sessionId, string? routeFileName, HttpContext context, IGrainFactory grains, IAudioStore store, IOptions<MsaSettings> options)
    {
        MsaPaths.EnsurePlausible(sessionId);
        var settings = options.Value;
        var request = context.Request;
        if (request.ContentLength > settings.MaxChunkBytes + MultipartAllowance)
        {
            throw TooLarge(settings);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = settings.MaxChunkBytes + MultipartAllowance;
        }

        var single = UploadTypeIsComplete(request);
        var (content, contentType, fileName) = await OpenAudioAsync(request);
        if (routeFileName is not null)
        {
            fileName = FileNameOf(new ContentDispositionHeaderValue("attachment") { FileName = HeaderUtilities.EscapeAsQuotedString(routeFileName) })
                ?? throw ProtocolException.InvalidRequest("The file name in the path is empty.", new { field = "file_name" });
            if (string.IsNullOrEmpty(contentType) || contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
            {
                contentType = AudioFormats.MimeTypeOfExtension(Path.GetExtension(fileName)) ?? contentType;
            }
        }

        var extension = AudioFormats.ExtensionOf(contentType);
        if (extension is null)
        {
            throw new ProtocolException("invalid_audio_format", 400, $"Audio format '{contentType}' is not supported.",
                new { provided_format = contentType, supported_formats = AudioFormats.MimeTypes });
        }

        var index = ChunkIndex(request, fileName);
        fileName ??= single || index is null ? $"audio.{extension}" : $"audio_{index}.{extension}";

        var (receipt, ticket, length) = await StoreChunkAsync(grains.GetGrain<ISessionGrain>(sessionId), MsaCaller.TenantId(context), index, fileName, contentType!, single,
            routeFileName is not null, content, settings, store, context.RequestAborted);
        return MsaErrors.Json(SessionJson.ChunkReceived(receipt, ticket.Single, length), StatusCodes.Status200OK);
    }

    /// <summary>
    /// Streams one file of a session into blob storage, checking it as it passes (size, format, duration),
    /// and records it in the manifest: the one way audio enters a session, for HTTP uploads and live streams.
    /// </summary>
    public static async Task<(ChunkReceipt Receipt, UploadTicket Ticket, long Length)> StoreChunkAsync(ISessionGrain session, string tenant, int? index,
        string fileName, string contentType, bool single, bool append, Stream content, MsaSettings settings, IAudioStore store, CancellationToken cancellationToken,
        int? streamGeneration = null)
    {
        var extension = AudioFormats.ExtensionOf(contentType)!;
        var ticket = await session.PrepareUploadAsync(tenant, index, fileName, contentType, single, appendWhenUnnumbered: append, streamGeneration);

        // The duration is read from the bytes as they stream past (WAV header and data, WebM/Ogg packets).
        var probe = new AudioProbe(extension, ticket.ProbeCarry);
        var upload = new UploadStream(content, settings.MaxChunkBytes, () => TooLarge(settings), probe);
        StoredAudio stored;
        try
        {
            // The blob, named by its index and carrying the client's file name, is the durable record of the
            // chunk: once it is written the acknowledgement stands even if the silo dies before the manifest is saved.
            stored = await store.UploadAsync(ticket.BlobName, upload, contentType,
                new Dictionary<string, string> { [SessionBlobs.FileNameMetadata] = Uri.EscapeDataString(fileName) }, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            // A multipart body that ends inside the file part, or whose framing breaks, is the client's fault.
            await store.DeleteAsync(ticket.BlobName);
            throw ProtocolException.InvalidRequest($"The multipart body is malformed: {e.Message} (is the closing boundary missing?)", new { field = "file" });
        }
        catch
        {
            await store.DeleteAsync(ticket.BlobName);
            throw;
        }

        long? durationMs = null;
        ProtocolException? unreadable = null;
        try
        {
            durationMs = stored.Length == 0 ? null : probe.Complete(stored.Length);
        }
        catch (AudioDecodeException e)
        {
            unreadable = new ProtocolException("invalid_audio_format", 400, $"Audio file '{fileName}' cannot be used: {e.Message}.",
                new { field = "file", file_name = fileName, reason = e.Message, supported_formats = AudioFormats.MimeTypes });
        }

        var rejection = stored.Length == 0
            ? ProtocolException.InvalidRequest("The audio file is empty.", new { file_name = fileName })
            : unreadable is not null ? unreadable
            : !ticket.Single && durationMs > settings.MaxChunkDurationSeconds * 1000L
                ? new ProtocolException("chunk_too_large", 400,
                    $"Chunk '{fileName}' is {durationMs / 1000.0:0.###} s long; chunks may be at most {settings.MaxChunkDurationSeconds} s.",
                    new { chunk_duration_seconds = durationMs / 1000.0, max_duration_seconds = settings.MaxChunkDurationSeconds, file_name = fileName })
                : null;
        if (rejection is not null)
        {
            await store.DeleteAsync(ticket.BlobName);
            throw rejection;
        }

        var receipt = await session.AddChunkAsync(tenant,
            new ChunkUpload(ticket.Index, fileName, contentType, ticket.BlobName, stored.Length, stored.Sha256, durationMs), probe.Carry, streamGeneration);
        return (receipt, ticket, stored.Length);
    }

    /// <summary>Room for multipart boundaries and part headers on top of the audio itself.</summary>
    private const long MultipartAllowance = 64 * 1024;

    private static ProtocolException TooLarge(MsaSettings settings) =>
        new("file_too_large", 413, $"The audio file is larger than {settings.MaxChunkBytes} bytes.", new { max_bytes = settings.MaxChunkBytes });

    private static bool UploadTypeIsComplete(HttpRequest request)
    {
        var value = request.Headers["X-Upload-Type"].ToString();
        return value switch
        {
            "" => false,
            "complete" => true,
            _ => throw ProtocolException.InvalidRequest($"X-Upload-Type must be 'complete' when sent, not '{value}'.", new { header = "X-Upload-Type" }),
        };
    }

    /// <summary>The audio stream, its MIME type and its file name (null when the client gave none).</summary>
    private static async Task<(Stream Content, string? ContentType, string? FileName)> OpenAudioAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var disposition = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var d)
                ? FileNameOf(d)
                : null;
            return (request.Body, request.ContentType, disposition);
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw ProtocolException.InvalidRequest("The multipart body has no boundary.", new { header = "Content-Type" });
        }

        if (boundary.Length > MaxBoundaryLength)
        {
            throw ProtocolException.InvalidRequest($"The multipart boundary is {boundary.Length} characters; RFC 2046 allows at most {MaxBoundaryLength}.", new { header = "Content-Type" });
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = MaxPartHeaderBytes, HeadersCountLimit = 16 };
        while (await NextSectionAsync(reader, request.HttpContext.RequestAborted) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = FileNameOf(disposition);
            var partType = section.ContentType;
            if (string.IsNullOrEmpty(partType) || partType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
            {
                partType = fileName is null ? partType : AudioFormats.MimeTypeOfExtension(Path.GetExtension(fileName)) ?? partType;
            }

            return (section.Body, partType, fileName);
        }

        throw ProtocolException.InvalidRequest("The multipart body has no 'file' field.", new { field = "file" });
    }

    /// <summary>The next part, or a 400 naming what is wrong with the framing (no closing boundary, headers over the limit).</summary>
    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            throw ProtocolException.InvalidRequest($"The multipart body is malformed: {e.Message}", new { field = "body", max_part_header_bytes = MaxPartHeaderBytes });
        }
    }

    private const int MaxBoundaryLength = 70;
    private const int MaxPartHeaderBytes = 8 * 1024;

    /// <summary>The longest file name kept (it travels in blob metadata and every listing).</summary>
    public const int MaxFileNameLength = 255;

    private static string? FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = Path.GetFileName(name);
        if (name.Length > MaxFileNameLength || name.Any(char.IsControl))
        {
            throw ProtocolException.InvalidRequest(
                $"The file name must be at most {MaxFileNameLength} characters without control characters; it has {name.Length}.",
                new { field = "filename", max_length = MaxFileNameLength });
        }

        return name;
    }

    private static int? ChunkIndex(HttpRequest request, string? fileName)
    {
        var header = request.Headers["X-Chunk-Index"].ToString();
        if (header.Length > 0)
        {
            var index = int.TryParse(header, System.Globalization.NumberStyles.None, null, out var parsed)
                ? parsed
                : throw ProtocolException.InvalidRequest($"X-Chunk-Index must be a non-negative integer, not '{header}'.", new { header = "X-Chunk-Index" });
            // A name that carries an index must carry the same one, or audio_files would list audio_3 at index 4.
            if (fileName is not null && ChunkName().Match(fileName) is { Success: true } named && int.Parse(named.Groups[1].Value) != index)
            {
                throw ProtocolException.InvalidRequest(
                    $"X-Chunk-Index {index} disagrees with the file name '{fileName}', which says {named.Groups[1].Value}.",
                    new { header = "X-Chunk-Index", chunk_index = index, file_name = fileName });
            }

            return index;
        }

        if (fileName is not null && ChunkName().Match(fileName) is { Success: true } match)
        {
            return int.Parse(match.Groups[1].Value);
        }

        return null;
    }

    /// <summary>{base}_{N}.{ext} with N zero-based and not zero-padded.</summary>
    [GeneratedRegex(@"^.+_(0|[1-9][0-9]{0,8})\.[A-Za-z0-9]+$")]
    private static partial Regex ChunkName();

    /// <summary>Counts and caps an upload as it streams through, and shows every byte to the duration probe.</summary>
    private sealed class UploadStream(Stream inner, long maxBytes, Func<Exception> tooLarge, AudioProbe probe) : ForwardReadStream
    {
        private long _read;

        // Kestrel refuses synchronous reads of a request body; so does this stream.
        public override int Read(Span<byte> buffer) => throw new NotSupportedException("Uploads are read asynchronously.");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            probe.Feed(buffer.Span[..read]);

            _read += read;
            return _read > maxBytes ? throw tooLarge() : read;
        }
    }
}
