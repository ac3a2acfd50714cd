using System.Diagnostics.Metrics;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Speech;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace MedScribe.Grains.Transcription;

/// <summary>
/// Recognizes one window of speech. Each window is a new activation, placed by activation count (Orleans
/// picks the less loaded of two silos, counting the activations it placed itself at once), so the windows
/// of one session spread over the cluster and every silo's engine workers take part; the activation
/// goes away as soon as it has answered.
/// </summary>
[ActivationCountBasedPlacement]
public sealed class RecognitionGrain(IAudioStore store, ISpeechRecognizer recognizer, ILocalSiloDetails silo, ILogger<RecognitionGrain> logger) : Grain, IRecognitionGrain
{
    /// <summary>The meter of the speech instruments (exported at <c>/metrics</c>).</summary>
    public const string MeterName = "MedScribe.Speech";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Windows = Meter.CreateCounter<long>("medscribe.speech.windows", description: "Windows of speech recognized, by silo");
    private static readonly Counter<double> Seconds = Meter.CreateCounter<double>("medscribe.speech.seconds", "s", "Audio recognized, by silo");

    public async Task<IReadOnlyList<TranscriptSegment>> RecognizeAsync(string pcmBlob, long startSample, IReadOnlyList<string> languages)
    {
        try
        {
            var samples = await PcmBlobs.ReadAsync(store, pcmBlob, CancellationToken.None);

            var offset = startSample * 1000 / PcmAudio.SampleRate;
            var utterances = await recognizer.RecognizeAsync(new PcmAudio(samples), languages, CancellationToken.None);
            var tag = new KeyValuePair<string, object?>("silo", silo.SiloAddress.ToString());
            Windows.Add(1, tag);
            Seconds.Add(samples.Length / (double)PcmAudio.SampleRate, tag);
            logger.LogDebug("Window {Window}: {Seconds:F1} s, {Utterances} utterances", this.GetPrimaryKeyString(), samples.Length / (double)PcmAudio.SampleRate, utterances.Count);
            // Placed in the session, with the voice's pitch measured now that its audio is here; the words are not kept.
            // (An engine that names no language heard the only one it was given, if any.)
            return utterances.Select(u => u.Shift(offset) with
            {
                Confidence = Math.Round(u.Confidence, 3),
                PitchHz = SpeakerRoles.MedianPitch(samples, u.StartMs / 1000.0, u.EndMs / 1000.0),
                Words = null,
                Language = u.Language ?? (languages.Count == 1 ? languages[0] : null),
            }).ToList();
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
