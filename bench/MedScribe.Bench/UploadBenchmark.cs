using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MedScribe.AzureStorage;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Chunk-upload acknowledgements per second through one silo (HTTP → blob → session grain → reply),
/// next to raw blob uploads of the same size measured in the same run against the same Azurite.
/// </summary>
public static class UploadBenchmark
{
    public static async Task<List<Measurement>> RunAsync(AzuriteInstance azurite, int clients, int chunksPerClient, int chunkBytes)
    {
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString);
        var raw = account.Container("benchraw");
        await raw.CreateIfNotExistsAsync();
        // A WAV file of exactly chunkBytes: 44 header bytes, then 2 bytes per 16 kHz sample.
        var audio = TestAudio.Wav((chunkBytes - 44) / 32000.0);

        var (silo, http) = await BenchSilo.StartAsync(azurite, clients * 2);
        await using var _ = silo;
        using var __ = http;
        var sessions = new string[clients];
        for (var i = 0; i < clients; i++)
        {
            var created = await http.PostAsync("/v1/sessions", new StringContent("""{"templates":["soap"]}""", Encoding.UTF8, "application/json"));
            sessions[i] = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["session_id"]!.GetValue<string>();
        }

        var total = clients * chunksPerClient;
        var next = new int[clients];
        Task Upload(int worker)
        {
            var index = next[worker]++;
            return Ack(http, sessions[worker], index, audio);
        }

        // Warm both paths (connections, grain activations, JIT), then measure each in turn.
        await Measurement.RunAsync("warm-up", clients, clients * 4, (w, i) => raw.GetBlobClient($"warm/{i}").UploadAsync(new BinaryData(audio), overwrite: true));
        await Measurement.RunAsync("warm-up", clients, clients * 4, (w, i) => Upload(w));

        var rawRun = await Measurement.RunAsync($"raw blob upload, {chunkBytes / 1024} KB (baseline)", clients, total, (w, i) =>
            raw.GetBlobClient($"raw/{w}/{i}").UploadAsync(new BinaryData(audio), overwrite: true));
        var store = new MedScribe.AzureStorage.Audio.BlobAudioStore(account, "benchraw");
        var storeRun = await Measurement.RunAsync($"audio store upload (forward-only stream), {chunkBytes / 1024} KB", clients, total, (w, i) =>
            store.UploadAsync($"store/{w}/{i}", new ForwardOnlyStream(audio), "audio/wav", new Dictionary<string, string> { ["filename"] = $"audio_{i}.wav" }));
        var ackRun = await Measurement.RunAsync($"chunk upload acknowledged, {chunkBytes / 1024} KB", clients, total, (w, i) => Upload(w));
        return [rawRun, storeRun, ackRun];
    }

    private static async Task Ack(HttpClient http, string session, int index, byte[] audio)
    {
        using var content = new ByteArrayContent(audio);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{session}/audio") { Content = content };
        request.Headers.Add("X-Chunk-Index", index.ToString());
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Upload {session}/{index} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A request body as Kestrel hands it over: readable once, no length, no seeking.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MedScribe.Abstractions.Storage.ForwardReadStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            var take = Math.Min(buffer.Length, Math.Min(bytes.Length - _position, 16 * 1024));
            bytes.AsSpan(_position, take).CopyTo(buffer);
            _position += take;
            return take;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
