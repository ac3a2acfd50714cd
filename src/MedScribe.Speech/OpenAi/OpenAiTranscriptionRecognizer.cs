using MedScribe.Abstractions.Sessions;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MedScribe.Speech.PocketSphinx;

namespace MedScribe.Speech.OpenAi;

/// <summary>Settings of the OpenAI-compatible transcription engine (section <c>Speech:OpenAi</c>).</summary>
public sealed class OpenAiTranscriptionSettings
{
    /// <summary>The server's base URL; requests go to <c>{BaseUrl}/v1/audio/transcriptions</c>.</summary>
    public string BaseUrl { get; set; } = "";

    public string Model { get; set; } = "whisper-1";

    /// <summary>Sent as a bearer token when set.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Languages the server handles (advertised in discovery, accepted as <c>language_hint</c>).</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>One request's time limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Further attempts after a timeout, a connection failure, 429 or 5xx.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>Consecutive utterances sent together, up to this long (Whisper-family models work in 30-s windows).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Audio is sent in pieces of at most this long (servers commonly cap uploads at 25 MB).</summary>
    public TimeSpan MaxPiece { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Speech recognition by any server speaking OpenAI's <c>POST /v1/audio/transcriptions</c> (multipart,
/// <c>response_format=verbose_json</c>): each segment becomes an utterance, with the server's word
/// timings when it gives them and times spread over the segment when it does not.
/// </summary>
public sealed class OpenAiTranscriptionRecognizer(HttpClient http, OpenAiTranscriptionSettings settings) : ISpeechRecognizer
{
    public string Engine => "openai";

    public IReadOnlyList<string> Languages { get; } = settings.Languages.Count > 0 ? settings.Languages : ["en"];

    /// <summary>Hosted models use context: they get up to 30 s of consecutive utterances per request.</summary>
    public TimeSpan Window => settings.Window;

    public async Task<IReadOnlyList<TranscriptSegment>> RecognizeAsync(PcmAudio audio, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        // One language to hear: the session's only hint, or the server's only language; otherwise the server detects it.
        var language = languages.Count == 1 ? languages[0] : languages.Count == 0 && Languages.Count == 1 ? Languages[0] : null;
        var piece = (int)(settings.MaxPiece.TotalSeconds * PcmAudio.SampleRate);
        var utterances = new List<TranscriptSegment>();
        for (var offset = 0; offset < audio.Samples.Length; offset += piece)
        {
            var count = Math.Min(piece, audio.Samples.Length - offset);
            var json = await SendWithRetriesAsync(MedScribe.Audio.WavFile.Pcm16Mono(System.Runtime.InteropServices.MemoryMarshal.AsBytes(audio.Samples.AsSpan(offset, count))), language, cancellationToken);
            utterances.AddRange(Parse(json, offset / (double)PcmAudio.SampleRate, language));
        }

        return utterances;
    }

    private async Task<JsonDocument> SendWithRetriesAsync(byte[] wav, string? language, CancellationToken cancellationToken)
    {
        var url = settings.BaseUrl.TrimEnd('/') + "/v1/audio/transcriptions";
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Form(wav, language) };
                if (settings.ApiKey.Length > 0)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
                }

                using var response = await http.SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(body);
                }

                failure = $"{(int)response.StatusCode} {Truncate(body)}";
                if (response.StatusCode is not (HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError))
                {
                    throw new SpeechEngineException($"The transcription server refused the audio: {failure}");
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {settings.Timeout.TotalSeconds:0} s";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (JsonException e)
            {
                throw new SpeechEngineException($"The transcription server's answer is not JSON: {e.Message}", e);
            }

            if (attempt >= settings.Retries)
            {
                throw new SpeechEngineException($"The transcription server at {url} failed {attempt + 1} times; last: {failure}");
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(250)), cancellationToken);
        }
    }

    private MultipartFormDataContent Form(byte[] wav, string? language)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(wav);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "audio.wav");
        form.Add(new StringContent(settings.Model), "model");
        form.Add(new StringContent("verbose_json"), "response_format");
        form.Add(new StringContent("segment"), "timestamp_granularities[]");
        form.Add(new StringContent("word"), "timestamp_granularities[]");
        if (language is not null)
        {
            form.Add(new StringContent(language), "language");
        }

        return form;
    }

    /// <summary>
    /// Utterances from a <c>verbose_json</c> answer; times shifted by <paramref name="offset"/> seconds; the
    /// language the server reports (a code or, as OpenAI writes it, a name), else the one asked for.
    /// </summary>
    public static IReadOnlyList<TranscriptSegment> Parse(JsonDocument json, double offset, string? asked = null)
    {
        var root = json.RootElement;
        var language = root.TryGetProperty("language", out var l) && l.ValueKind == JsonValueKind.String ? LanguageCodes.From(l.GetString()!) ?? asked : asked;
        var words = root.TryGetProperty("words", out var w) && w.ValueKind == JsonValueKind.Array
            ? w.EnumerateArray().Select(x => new TranscriptWord(x.GetProperty("word").GetString()!.Trim(),
                Ms(offset + x.GetProperty("start").GetDouble()), Ms(offset + x.GetProperty("end").GetDouble()), 1)).ToList()
            : [];
        var utterances = new List<TranscriptSegment>();
        if (!root.TryGetProperty("segments", out var segments) || segments.ValueKind != JsonValueKind.Array)
        {
            var text = root.TryGetProperty("text", out var t) ? t.GetString()?.Trim() ?? "" : "";
            return text.Length == 0 ? [] : [Spread(text, Ms(offset), words.Count > 0 ? words[^1].EndMs : Ms(offset), 1) with { Language = language }];
        }

        foreach (var segment in segments.EnumerateArray())
        {
            var text = segment.GetProperty("text").GetString()?.Trim() ?? "";
            if (text.Length == 0)
            {
                continue;
            }

            var start = Ms(offset + segment.GetProperty("start").GetDouble());
            var end = Ms(offset + segment.GetProperty("end").GetDouble());
            // avg_logprob is the mean log-probability per token; its exponential is a usable confidence.
            var confidence = segment.TryGetProperty("avg_logprob", out var lp) ? Math.Round(Math.Exp(lp.GetDouble()), 3) : 1;
            var inside = words.Where(x => x.StartMs >= start - 10 && x.EndMs <= end + 10).Select(x => x with { Confidence = confidence }).ToList();
            utterances.Add((inside.Count > 0 ? new TranscriptSegment("", text, start, end, confidence, Words: inside) : Spread(text, start, end, confidence)) with { Language = language });
        }

        return utterances;
    }

    /// <summary>Words with times spread evenly over the segment, for servers that give no word timings.</summary>
    private static TranscriptSegment Spread(string text, long start, long end, double confidence)
    {
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var step = tokens.Length == 0 ? 0 : (end - start) / (double)tokens.Length;
        var words = tokens.Select((token, i) => new TranscriptWord(token, start + (long)(i * step), start + (long)((i + 1) * step), confidence)).ToList();
        return new TranscriptSegment("", text, start, end, confidence, Words: words);
    }

    private static long Ms(double seconds) => (long)Math.Round(seconds * 1000);

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
