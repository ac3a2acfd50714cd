using MedScribe.Abstractions.Sessions;
using MedScribe.Speech.Vad;

namespace MedScribe.Speech.Tests;

/// <summary>The embedded engine on a festival-spoken consult: segmentation, accuracy, timings, speakers.</summary>
public sealed class RecognitionTests(SpeechFixture speech) : IClassFixture<SpeechFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Voice_activity_finds_every_turn_and_nothing_in_silence_or_a_steady_tone()
    {
        var segments = speech.Vad.Segments(speech.Audio.Samples, Cancel);
        foreach (var turn in speech.Consult.Turns)
        {
            Assert.Contains(segments, s => Math.Abs(s.Start / 16000.0 - turn.Start) < 0.35);
        }

        Assert.All(segments, s => Assert.True(speech.Consult.Turns.Any(t => s.Start / 16000.0 < t.End && s.End / 16000.0 > t.Start), $"segment at {s.Start / 16000.0:F2} s overlaps no turn"));
        Assert.Empty(speech.Vad.Segments(new short[16000 * 5], Cancel));
        var tone = Enumerable.Range(0, 16000 * 5).Select(i => (short)(3000 * Math.Sin(2 * Math.PI * 440 * i / 16000))).ToArray();
        Assert.Empty(speech.Vad.Segments(tone, Cancel));
    }

    [Fact]
    public void Segments_close_after_300_ms_of_silence_and_drop_blips()
    {
        float[] Probabilities(params (float P, int Windows)[] runs) => runs.SelectMany(r => Enumerable.Repeat(r.P, r.Windows)).ToArray();
        // 32 ms windows: 10 windows of speech, 5 quiet (160 ms: not a pause), 10 more, 12 quiet (384 ms: a pause), a 3-window blip.
        var segments = SileroVad.Segment(Probabilities((0.9f, 10), (0.1f, 5), (0.9f, 10), (0.1f, 12), (0.9f, 3), (0.1f, 20)), 60 * 512);
        var segment = Assert.Single(segments);
        Assert.Equal(new SpeechSegment(0, 25 * 512), segment);
    }

    [Fact]
    public async Task The_medical_model_beats_the_general_one_and_hears_the_drugs()
    {
        var medical = await speech.Segmenter.RecognizeAsync(speech.Medical, speech.Audio.Samples, Cancel);
        var general = await speech.Segmenter.RecognizeAsync(speech.General, speech.Audio.Samples, Cancel);
        var medicalWer = WordErrorRate.Compute(speech.Consult.Reference, string.Join(' ', medical.Select(u => u.Text)));
        var generalWer = WordErrorRate.Compute(speech.Consult.Reference, string.Join(' ', general.Select(u => u.Text)));

        Assert.True(medicalWer.Rate < 0.25, $"medical model WER {medicalWer.Rate:P1}");
        Assert.True(medicalWer.Rate < generalWer.Rate, $"medical {medicalWer.Rate:P1} vs general {generalWer.Rate:P1}");
        var words = medical.SelectMany(u => u.Words!).Select(w => w.Text).ToHashSet();
        Assert.Contains("nitrofurantoin", words);
        Assert.Contains("urine", words);
        Assert.True(speech.Medical.Decoders <= 2);
    }

    [Fact]
    public async Task Word_times_are_audio_times_in_order_with_confidences()
    {
        var utterances = await speech.Segmenter.RecognizeAsync(speech.Medical, speech.Audio.Samples, Cancel);
        var words = utterances.SelectMany(u => u.Words!).ToList();
        Assert.True(words.Count > 300);
        Assert.All(words, w => Assert.InRange(w.Confidence, 0, 1));
        Assert.All(words, w => Assert.True(w.EndMs > w.StartMs && w.StartMs >= 0 && w.EndMs <= speech.Audio.Seconds * 1000 + 10, $"{w}"));
        for (var i = 1; i < words.Count; i++)
        {
            Assert.True(words[i].StartMs >= words[i - 1].StartMs, $"{words[i - 1]} then {words[i]}");
        }

        // Each turn's first word is heard within half a second of when the turn was spoken.
        var firstWords = speech.Consult.Turns.Select(t => words.FirstOrDefault(w => w.EndMs / 1000.0 > t.Start)).ToList();
        var onTime = speech.Consult.Turns.Zip(firstWords).Count(p => p.Second is { } w && Math.Abs(w.StartMs / 1000.0 - p.First.Start) < 0.5);
        Assert.True(onTime >= speech.Consult.Turns.Count * 0.9, $"{onTime} of {speech.Consult.Turns.Count} turns start on time");
    }

    [Fact]
    public async Task Nine_in_ten_utterances_get_the_right_speaker()
    {
        var utterances = await speech.Segmenter.RecognizeAsync(speech.Medical, speech.Audio.Samples, Cancel);
        var lines = SpeakerRoles.Label(utterances, speech.Audio.Samples);
        var right = utterances.Count(u =>
        {
            var role = lines.First(l => l.StartMs <= u.StartMs && u.EndMs <= l.EndMs).Speaker;
            var turn = speech.Consult.Turns.MaxBy(t => Math.Min(t.End, u.EndMs / 1000.0) - Math.Max(t.Start, u.StartMs / 1000.0))!;
            return turn.Speaker == role;
        });

        Assert.True(right >= utterances.Count * 0.9, $"{right} of {utterances.Count}");
        Assert.All(lines, l => Assert.Contains(l.Speaker, new[] { "Doctor", "Patient" }));
        var transcript = TranscriptSegment.Join(lines);
        Assert.StartsWith("Doctor: ", transcript);
        Assert.All(transcript.Split('\n'), line => Assert.Matches("^(Doctor|Patient): [A-Z]", line));
    }

    [Theory]
    [InlineData("how long have you had the pain", 1)]
    [InlineData("I am going to start you on lisinopril ten milligrams", 1)]
    [InlineData("my back hurts when I bend over", -1)]
    [InlineData("yes I have been taking it every day", -1)]
    // Session 35: a parent's own questions, and a clinician's doses and visits for a child.
    [InlineData("how will we know it's working", -1)]
    [InlineData("does her brother need it", -1)]
    [InlineData("fluticasone forty four micrograms two puffs in the morning and two at night", 1)]
    [InlineData("fewer night coughs within a few weeks bring her back in six weeks", 1)]
    public void Content_points_at_the_speaker(string text, int sign) => Assert.Equal(sign, Math.Sign(SpeakerRoles.ContentScore(text)));

    /// <summary>Cues in the line's own language, and question marks in any script a punctuating engine writes.</summary>
    [Theory]
    [InlineData("es", "¿Desde cuándo tiene usted el dolor?", 1)]
    [InlineData("es", "Sí, me duele mucho cuando camino.", -1)]
    [InlineData("fr", "Depuis quand avez-vous cette toux ?", 1)]
    [InlineData("fr", "Oui, j'ai mal à la gorge depuis mardi.", -1)]
    [InlineData("de", "Seit wann haben Sie die Schmerzen?", 1)]
    [InlineData("de", "Ja, mir tut der Rücken weh.", -1)]
    [InlineData("pt", "Vou receitar amoxicilina quinhentos miligramas.", 1)]
    [InlineData("pt", "Sim, eu tenho dor de cabeça.", -1)]
    [InlineData("hi", "आपको यह दर्द कब से है?", 1)]
    [InlineData("hi", "हाँ, मुझे रात में खांसी आती है।", -1)]
    [InlineData("ta", "உங்களுக்கு எவ்வளவு நாளாக காய்ச்சல்?", 1)]
    [InlineData("ja", "いつから痛みますか？", 1)]
    public void Content_points_at_the_speaker_in_other_languages(string language, string text, int sign) =>
        Assert.Equal(sign, Math.Sign(SpeakerRoles.ContentScore(text, language)));

    [Fact]
    public void Two_voices_in_spanish_are_named_by_what_each_says()
    {
        // The lower voice asks and prescribes, the higher one answers; no punctuation, so only the Spanish cues tell who is who.
        TranscriptSegment Line(string text, double pitch, long start) => new("", text, start, start + 2000, 0.9, pitch, Language: "es");
        var lines = SpeakerRoles.Label([
            Line("qué le trae hoy por aquí", 115, 0),
            Line("tengo tos desde hace una semana", 215, 2500),
            Line("tiene usted fiebre", 118, 5000),
            Line("sí y también tengo dolor de garganta", 210, 7500),
            Line("le voy a recetar un jarabe y vamos a hacer un análisis", 120, 10000),
            Line("gracias doctora", 220, 12500),
        ]);

        Assert.Equal(["Doctor", "Patient", "Doctor", "Patient", "Doctor", "Patient"], lines.Select(l => l.Speaker));
        Assert.All(lines, l => Assert.Equal("es", l.Language));
    }
}
