using MedScribe.Bench;
using MedScribe.Testing;

// Usage: dotnet run -c Release --project bench/MedScribe.Bench -- storage [operations] [concurrency]
//        dotnet run -c Release --project bench/MedScribe.Bench -- upload [chunks per client] [clients] [chunk KB]
//        dotnet run -c Release --project bench/MedScribe.Bench -- webhooks [subscriptions] [sessions] [latency samples]
//        dotnet run -c Release --project bench/MedScribe.Bench -- speech [pace: 1 = real time] [--end-only | --table-only] [--consults N]
//        dotnet run -c Release --project bench/MedScribe.Bench -- whisper [--model path/to/ggml-model.bin] [--consults N]
//        dotnet run -c Release --project bench/MedScribe.Bench -- stream [minutes] [pace: 1 = real time] [seconds between stored files]
//        dotnet run -c Release --project bench/MedScribe.Bench -- decode
//        dotnet run -c Release --project bench/MedScribe.Bench -- pipeline [backlog|live|load] (see PipelineBenchmark)
//        dotnet run -c Release --project bench/MedScribe.Bench -- extraction [--speech] [--verbose]
//        dotnet run -c Release --project bench/MedScribe.Bench -- speech-loss <folder of consult scripts> [--verbose] [--save] (see bench/scripts/)
//        dotnet run -c Release --project bench/MedScribe.Bench -- spoken-drugs [--verbose]
//        dotnet run -c Release --project bench/MedScribe.Bench -- spoken-problems [--speech] [--verbose]
//        dotnet run -c Release --project bench/MedScribe.Bench -- spoken-vitals [--speech] [--verbose]
//        dotnet run -c Release --project bench/MedScribe.Bench -- spoken-regimens [--speech] [--verbose]
//        dotnet run -c Release --project bench/MedScribe.Bench -- spoken-orders [--verbose]
//        dotnet run -c Release --project bench/MedScribe.Bench -- spoken-allergies [--verbose]
//        dotnet run -c Release --project bench/MedScribe.Bench -- spoken-codes [--verbose]
//        dotnet run -c Release --project bench/MedScribe.Bench -- spoken-followups [--verbose]
//        dotnet run -c Release --project bench/MedScribe.Bench -- dx0 [sockets] [messages per socket]
//        dotnet run -c Release --project bench/MedScribe.Bench -- dx0-cases
var benchmark = args.FirstOrDefault() ?? "storage";
int Arg(int position, int fallback) => args.Length > position ? int.Parse(args[position]) : fallback;
if (benchmark == "extraction")
{
    Console.WriteLine($"Clinical extraction (rule engine) over the public consults, {Environment.ProcessorCount} cores:");
    await ExtractionBenchmark.RunAsync(args.Contains("--speech"), args.Contains("--verbose"));
    return 0;
}

if (benchmark == "speech-loss")
{
    if (args.Length < 2 || !Directory.Exists(args[1]))
    {
        Console.Error.WriteLine("speech-loss: give a folder of consult scripts (\"D: …\" / \"P: …\" lines, one .txt per consult).");
        return 2;
    }

    Console.WriteLine($"Consult scripts read from their text and from their recognised speech, {Environment.ProcessorCount} cores (scripts a held-out.txt names are reported apart, without their misses):");
    await ExtractionBenchmark.SpeechLossAsync(args[1], args.Contains("--verbose"), args.Contains("--save"));
    return 0;
}

if (benchmark == "spoken-drugs")
{
    Console.WriteLine($"The drug lexicon said aloud (festival), recognised by the embedded speech engine, read by the extractor, {Environment.ProcessorCount} cores:");
    await SpokenDrugsBenchmark.RunAsync(args.Contains("--verbose"));
    return 0;
}

if (benchmark == "spoken-problems")
{
    Console.WriteLine($"The problem lexicon in short sentences{(args.Contains("--speech") ? ", also said aloud (festival) and recognised by the embedded speech engine" : "")}, read by the extractor:");
    await SpokenProblemsBenchmark.RunAsync(args.Contains("--speech"), args.Contains("--verbose"));
    return 0;
}

if (benchmark == "spoken-vitals")
{
    Console.WriteLine($"Vital signs read aloud in many phrasings{(args.Contains("--speech") ? ", also said by festival and recognised by the embedded speech engine" : "")}, read by the extractor:");
    await SpokenVitalsBenchmark.RunAsync(args.Contains("--speech"), args.Contains("--verbose"));
    return 0;
}

if (benchmark == "spoken-regimens")
{
    Console.WriteLine($"Prescribing decisions said in many ways{(args.Contains("--speech") ? ", also said by festival and recognised by the embedded speech engine" : "")}, read by the extractor:");
    await SpokenRegimensBenchmark.RunAsync(args.Contains("--speech"), args.Contains("--verbose"));
    return 0;
}

if (benchmark == "spoken-orders")
{
    Console.WriteLine("Every orderable and referral target by each of its names, in sentences that order it and sentences that do not, read by the extractor:");
    SpokenOrdersBenchmark.Run(args.Contains("--verbose"));
    return 0;
}

if (benchmark == "spoken-followups")
{
    Console.WriteLine("The next visit said in many ways, and intervals that plan none, read by the extractor:");
    SpokenFollowUpsBenchmark.Run(args.Contains("--verbose"));
    return 0;
}

if (benchmark == "spoken-codes")
{
    Console.WriteLine("Problems said with the words that make their ICD-10-CM code specific, read by the extractor:");
    SpokenCodesBenchmark.Run(args.Contains("--verbose"));
    return 0;
}

if (benchmark == "spoken-allergies")
{
    Console.WriteLine("Allergies told in many ways, and mentions that are no allergy, read by the extractor:");
    SpokenAllergiesBenchmark.Run(args.Contains("--verbose"));
    return 0;
}

if (benchmark == "whisper")
{
    Console.WriteLine($"Whisper.net (whisper.cpp in process), {Environment.ProcessorCount} cores:");
    var model = Array.IndexOf(args, "--model") is var m and >= 0 && m + 1 < args.Length ? args[m + 1] : null;
    var count = Array.IndexOf(args, "--consults") is var c and >= 0 && c + 1 < args.Length ? int.Parse(args[c + 1]) : int.MaxValue;
    await WhisperBenchmark.RunAsync(model, count);
    return 0;
}

if (benchmark == "dx0-cases")
{
    Dx0CasesBenchmark.Run();
    return 0;
}

await using var azurite = await AzuriteInstance.StartAsync();
switch (benchmark)
{
    case "storage":
    {
        var (operations, concurrency) = (Arg(1, 4000), Arg(2, 16));
        Console.WriteLine($"Storage providers on Azurite (in-memory), {Environment.ProcessorCount} cores, {operations} operations, {concurrency} concurrent:");
        var results = await StorageBenchmark.RunAsync(azurite.ConnectionString, operations, concurrency);
        Measurement.Print(results.Skip(1));
        var baseline = results[1].PerSecond;
        Console.WriteLine($"table provider: grain state write / raw upsert: {results[2].PerSecond / baseline:P0}; read / raw upsert: {results[3].PerSecond / baseline:P0}");
        Console.WriteLine($"blob provider, 200 KiB: grain state write / raw blob put: {results[5].PerSecond / results[4].PerSecond:P0}; read / raw blob put: {results[6].PerSecond / results[4].PerSecond:P0}");
        return 0;
    }

    case "upload":
    {
        var (perClient, clients, kb) = (Arg(1, 60), Arg(2, 32), Arg(3, 64));
        Console.WriteLine($"Chunk uploads through one silo on Azurite (in-memory), {Environment.ProcessorCount} cores, {clients} clients x {perClient} chunks of {kb} KB:");
        var results = await UploadBenchmark.RunAsync(azurite, clients, perClient, kb * 1024);
        Measurement.Print(results);
        Console.WriteLine($"chunk acknowledgements / raw blob uploads: {results[2].PerSecond / results[0].PerSecond:P0}; audio store / raw: {results[1].PerSecond / results[0].PerSecond:P0}");
        return 0;
    }

    case "webhooks":
    {
        var (subscriptions, sessions, samples) = (Arg(1, 16), Arg(2, 250), Arg(3, 200));
        Console.WriteLine($"Webhook delivery through one silo on Azurite (in-memory) to a loopback receiver, {Environment.ProcessorCount} cores:");
        var (direct, rows, delivered, latency) = await WebhookBenchmark.RunAsync(azurite, subscriptions, sessions, samples);
        Measurement.Print([direct, rows, delivered, latency]);
        Console.WriteLine($"deliveries / (raw row upserts / 2): {delivered.PerSecond / (rows.PerSecond / 2):P0}; session end -> webhook p50 {latency.P50Ms:F0} ms, p99 {latency.P99Ms:F0} ms");
        return 0;
    }

    case "speech":
    {
        var pace = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
        Console.WriteLine($"Speech over the public consults (festival voices), {Environment.ProcessorCount} cores:");
        var consults = Array.IndexOf(args, "--consults") is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : int.MaxValue;
        await SpeechBenchmark.RunAsync(azurite, pace, endOnly: args.Contains("--end-only"), tableOnly: args.Contains("--table-only"), consults);
        return 0;
    }

    case "stream":
    {
        Console.WriteLine($"A live session over the WebSocket, one silo on Azurite, {Environment.ProcessorCount} cores:");
        await StreamBenchmark.RunAsync(azurite, args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3,
            args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1, args.Length > 3 ? int.Parse(args[3]) : null);
        return 0;
    }

    case "decode":
    {
        Console.WriteLine($"Decoding browser recordings (Chrome MediaRecorder layout, from the public consults), {Environment.ProcessorCount} cores:");
        await DecodeBenchmark.RunAsync(azurite);
        return 0;
    }

    case "pipeline":
    {
        Console.WriteLine($"Speech pipeline through real silos on Azurite, Chrome-style WebM chunks of 15 s, {Environment.ProcessorCount} cores:");
        await PipelineBenchmark.RunAsync(azurite, args);
        return 0;
    }

    case "dx0":
    {
        var (sockets, messages) = (Arg(1, 100), Math.Min(Arg(2, 10), 10));
        Console.WriteLine($"Dx0 diagnostic sockets on one silo on Azurite (in-memory), rule engines, {Environment.ProcessorCount} cores:");
        var results = await Dx0Benchmark.RunAsync(azurite, sockets, messages);
        Measurement.Print(results);
        Console.WriteLine($"messages/s, {sockets} sockets vs 1 socket alone: {results[2].PerSecond / results[1].PerSecond:F1}x; p99 reply {results[2].P99Ms:F0} ms vs {results[1].P99Ms:F0} ms alone");
        return 0;
    }

    default:
        Console.Error.WriteLine($"Unknown benchmark '{benchmark}'. Available: storage, upload, webhooks, speech, whisper, stream, decode, pipeline, extraction, dx0, dx0-cases");
        return 2;
}
