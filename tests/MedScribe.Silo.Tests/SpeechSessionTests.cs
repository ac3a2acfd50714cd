using MedScribe.Speech;
using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>A host with the protocol's default limits, so a whole consult fits.</summary>
public sealed class SpeechHost(AzuriteFixture azurite) : IAsyncLifetime
{
    public SiloHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
    {
        MsaHost.Configure(s);
        s["Msa__MaxChunkBytes"] = null;
        s["Sessions__MaxChunks"] = null;
        // Two consults decode at once here while other test assemblies decode on the same two cores; the
        // default 10 minutes was once exceeded that way on a slow day (the session then fails with timeout).
        s["Sessions__ProcessingTimeout"] = "00:25:00";
    });

    public MsaClient Client(string key) => new(Host.CreateClient(), key);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>A spoken consult through the whole service: upload, end, poll, a labelled transcript.</summary>
public sealed class SpeechSessionTests(SpeechHost host) : IClassFixture<SpeechHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consult_in_15_second_wav_chunks_gives_the_same_transcript_as_one_file_labelled_by_speaker()
    {
        var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[6], Cancel);
        var wav = await File.ReadAllBytesAsync(consult.WavPath, Cancel);
        var samples = new short[(wav.Length - 44) / 2];
        Buffer.BlockCopy(wav, 44, samples, 0, samples.Length * 2);
        var client = host.Client(MsaHost.KeyA);

        var chunked = await client.CreateSessionAsync("""{"templates":["transcript","medications","custom_cardio_note"],"language_hint":"en"}""");
        var chunks = await client.UploadWavChunksAsync(chunked, samples);
        // Transcription runs while the session records (how far it gets before /end is the benchmark's business).
        await client.WaitUntilTranscribingAsync(chunked);
        var single = await client.CreateSessionAsync("""
            {"templates":["transcript","soap","medications","vitals","allergies","problems","orders","follow_up"],"upload_type":"single",
             "additional_data":{"emr_patient_id":"pat_456","emr_encounter_id":"enc_123"}}
            """);
        Assert.Equal(200, (await client.UploadRawAsync(single, wav, "audio/wav", complete: true)).Status);
        Assert.Equal(202, (await client.EndAsync(chunked, $$"""{"audio_files_sent":{{chunks}}}""")).Status);
        Assert.Equal(202, (await client.EndAsync(single)).Status);

        var (partialStatus, partial) = await client.PollUntilFinishedAsync(chunked, seconds: 1500);
        var (completeStatus, complete) = await client.PollUntilFinishedAsync(single, seconds: 1500);

        // A template nobody defined fails on its own; the others stand, so the session is partial.
        Assert.True(partialStatus == 206, $"{partialStatus}: {partial.ToJsonString()}");
        Assert.Equal("partial", partial["status"]!.GetValue<string>());
        Assert.Equal("success", partial["templates"]!["transcript"]!["status"]!.GetValue<string>());
        Assert.Equal("success", partial["templates"]!["medications"]!["status"]!.GetValue<string>());
        Assert.Equal("failed", partial["templates"]!["custom_cardio_note"]!["status"]!.GetValue<string>());
        Assert.Equal("template_not_found", partial["templates"]!["custom_cardio_note"]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(chunks, partial["audio_files_processed"]!.GetValue<int>());
        Assert.Empty(partial["processing_errors"]!.AsArray());
        await MsaSchemas.AssertValidAsync("sessions-openapi.json", "SessionPartialResponse", partial);

        Assert.Equal(200, completeStatus);
        Assert.Equal("completed", complete["status"]!.GetValue<string>());
        Assert.Equal("en", complete["language_detected"]!.GetValue<string>());
        await MsaSchemas.AssertValidAsync("sessions-openapi.json", "SessionCompletedResponse", complete);

        var transcript = complete["transcript"]!.GetValue<string>();
        // Chunking costs no accuracy: the chunked session, transcribed as it arrived, is within one WER point of the single file.
        var chunkedWer = WordErrorRate.Compute(consult.Reference, partial["transcript"]!.GetValue<string>()).Rate;
        var singleWer = WordErrorRate.Compute(consult.Reference, transcript).Rate;
        Assert.True(Math.Abs(chunkedWer - singleWer) <= 0.01, $"chunked {chunkedWer:P1}, single file {singleWer:P1}");
        var data = complete["templates"]!["transcript"]!["data"]!;
        Assert.Equal(transcript, data["text"]!.GetValue<string>());
        var lines = data["utterances"]!.AsArray();
        Assert.Equal(transcript.Split('\n').Length, lines.Count);
        Assert.All(lines, l => Assert.True(l!["end_ms"]!.GetValue<long>() > l["start_ms"]!.GetValue<long>()));
        Assert.True(lines[^1]!["end_ms"]!.GetValue<long>() <= consult.Seconds * 1000);
        Assert.All(transcript.Split('\n'), line => Assert.Matches("^(Doctor|Patient): ", line));
        Assert.StartsWith("Doctor: ", transcript);
        var wer = WordErrorRate.Compute(consult.Reference, transcript);
        Assert.True(wer.Rate < 0.25, $"WER {wer.Rate:P1}");
        Assert.Contains("nitrofurantoin", transcript);

        // The note from the speech engine's transcript: the medications the doctor prescribed, with evidence lines.
        var medications = complete["templates"]!["medications"]!["data"]!.AsArray();
        var nitrofurantoin = Assert.Single(medications, m => m!["name"]!.GetValue<string>() == "nitrofurantoin")!;
        Assert.Equal("start", nitrofurantoin["action"]!.GetValue<string>());
        var line = nitrofurantoin["evidence"]![0]!["utterance"]!.GetValue<int>();
        Assert.Contains("nitrofurantoin", lines[line]!["text"]!.GetValue<string>());
        Assert.Equal("success", complete["templates"]!["soap"]!["status"]!.GetValue<string>());
        Assert.Contains("N30", complete["templates"]!["soap"]!["data"]!["assessment"]!.GetValue<string>());

        await AssertFhirBundleAsync(client, single);
    }

    /// <summary>The session as FHIR: parsed back with the Firely parser, every resource where the note says.</summary>
    private static async Task AssertFhirBundleAsync(MsaClient client, string sessionId)
    {
        var response = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{sessionId}/fhir") { Headers = { { "X-API-Key", MsaHost.KeyA } } }, Cancel);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        var json = await response.Content.ReadAsStringAsync(Cancel);
        // Firely's strict deserializer reports every element that breaks the FHIR R4 rules it checks while parsing.
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        var parsed = new Hl7.Fhir.Serialization.FhirJsonDeserializer(new Hl7.Fhir.Serialization.DeserializerSettings())
            .TryDeserializeResource(ref reader, out var resource, out var issues);
        Assert.True(parsed, string.Join("; ", issues.Select(i => i.Message)));
        var bundle = Assert.IsType<Hl7.Fhir.Model.Bundle>(resource);

        Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.Document, bundle.Type);
        var composition = Assert.IsType<Hl7.Fhir.Model.Composition>(bundle.Entry[0].Resource);
        Assert.Equal(["Subjective", "Objective", "Assessment", "Plan", "Allergies and adverse reactions", "Transcript"], composition.Section.Select(s => s.Title));
        var resources = bundle.Entry.Select(e => e.Resource).ToList();
        var patient = Assert.Single(resources.OfType<Hl7.Fhir.Model.Patient>());
        Assert.Equal("pat_456", patient.Identifier.Single().Value);
        Assert.Equal("enc_123", Assert.Single(resources.OfType<Hl7.Fhir.Model.Encounter>()).Identifier.Single().Value);
        var prescribed = resources.OfType<Hl7.Fhir.Model.MedicationRequest>().Select(m => ((Hl7.Fhir.Model.CodeableConcept)m.Medication).Text).ToList();
        Assert.Contains("nitrofurantoin", prescribed);
        var condition = Assert.Single(resources.OfType<Hl7.Fhir.Model.Condition>(), c => c.Code!.Coding.Any(coding => coding.Code?.StartsWith("N30", StringComparison.Ordinal) == true));
        Assert.Equal("http://hl7.org/fhir/sid/icd-10-cm", condition.Code!.Coding[0].System);
        Assert.Contains(resources.OfType<Hl7.Fhir.Model.Observation>(), o => o.Code!.Coding[0].Code == "8867-4");
        // The one allergy of this consult is misheard by the engine ("allergic to sell for dogs"), so none is exported (none is invented).
        Assert.DoesNotContain(resources.OfType<Hl7.Fhir.Model.AllergyIntolerance>(), a => a.Code!.Text?.Contains("dogs", StringComparison.Ordinal) == true);
        Assert.Contains(resources.OfType<Hl7.Fhir.Model.ServiceRequest>(), r => r.Code!.Text == "urine culture");
        var transcript = Assert.Single(resources.OfType<Hl7.Fhir.Model.DocumentReference>());
        Assert.StartsWith("Doctor: ", System.Text.Encoding.UTF8.GetString(transcript.Content[0].Attachment.Data!));
        // Every reference in the document resolves to an entry of the bundle.
        var fullUrls = bundle.Entry.Select(e => e.FullUrl).ToHashSet();
        Assert.All(composition.Section.SelectMany(s => s.Entry), r => Assert.Contains(r.Reference, fullUrls));
    }

    [Fact]
    public async Task A_mediarecorder_webm_recording_with_a_corrupt_chunk_gives_a_partial_transcript_naming_it_and_a_wav_that_is_not_one_is_refused_at_upload()
    {
        var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[6], Cancel);
        // 15 parts of about 14 s: within the protocol's 20-s chunk limit, which WebM chunks are now held to.
        var parts = TestAudio.Cut(await TestAudio.EncodeAsync(consult.WavPath, "webm", Cancel), 15).ToList();
        var noise = new byte[parts[7].Length];
        new Random(5).NextBytes(noise);
        parts[7] = noise;
        var client = host.Client(MsaHost.KeyA);
        var webm = await client.CreateSessionAsync("""{"templates":["transcript"]}""");
        for (var i = 0; i < parts.Count; i++)
        {
            Assert.Equal(200, (await client.UploadRawAsync(webm, parts[i], "audio/webm;codecs=opus", i)).Status);
        }

        var wavSession = await client.CreateSessionAsync("""{"templates":["transcript"]}""");
        var wav = await File.ReadAllBytesAsync(consult.WavPath, Cancel);
        Assert.Equal(200, (await client.UploadRawAsync(wavSession, wav[..(44 + 16000 * 2 * 20)], "audio/wav", 0)).Status);
        // Noise sent as WAV is refused at once, naming the file and the reason; the session keeps what it had.
        var (refused, refusal, _) = await client.UploadRawAsync(wavSession, noise[..50_000], "audio/wav", 1, fileName: "audio_1.wav");
        Assert.Equal(400, refused);
        Assert.Equal("invalid_audio_format", refusal["error"]!["code"]!.GetValue<string>());
        Assert.Equal("audio_1.wav", refusal["error"]!["details"]!["file_name"]!.GetValue<string>());
        Assert.Contains("no RIFF/WAVE header", refusal["error"]!["message"]!.GetValue<string>());
        Assert.Equal(202, (await client.EndAsync(webm)).Status);
        Assert.Equal(202, (await client.EndAsync(wavSession)).Status);

        var (webmStatus, webmBody) = await client.PollUntilFinishedAsync(webm, seconds: 600);
        Assert.Equal(206, webmStatus);
        Assert.Equal(14, webmBody["audio_files_processed"]!.GetValue<int>());
        var error = Assert.Single(webmBody["processing_errors"]!.AsArray())!;
        Assert.Equal("audio_file_skipped", error["type"]!.GetValue<string>());
        Assert.Equal("audio_7.webm", error["file"]!.GetValue<string>());
        // One chunk in fifteen lost; the rest is heard, in its place.
        var wer = WordErrorRate.Compute(consult.Reference, webmBody["transcript"]!.GetValue<string>());
        Assert.True(wer.Rate < 0.3, $"WER {wer.Rate:P1} over WebM chunks with one lost");
        Assert.StartsWith("Doctor: ", webmBody["transcript"]!.GetValue<string>());
        await MsaSchemas.AssertValidAsync("sessions-openapi.json", "SessionPartialResponse", webmBody);

        var (wavStatus, wavBody) = await client.PollUntilFinishedAsync(wavSession, seconds: 600);
        Assert.Equal(200, wavStatus);
        Assert.Equal(["audio_0.wav"], wavBody["audio_files"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(20_000, wavBody["audio_duration_ms"]!.GetValue<long>());
        Assert.StartsWith("Doctor: ", wavBody["transcript"]!.GetValue<string>());
    }
}
