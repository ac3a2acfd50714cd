using System.Globalization;
using MedScribe.Clinical;
using MedScribe.Clinical.Extraction;
using MedScribe.Speech.LanguageModel;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Vital signs read aloud in many phrasings (a verb or a hedge between the name and the number, the number first, a
/// unit or none) with values drawn at random (fixed seed), numbers spelled as they are said: from the text and, with
/// <c>--speech</c>, spoken by festival and recognised by the embedded speech engine. How many are found with the value
/// said. No consult is involved; the sentences are written here.
/// </summary>
public static class SpokenVitalsBenchmark
{
    private const int ReadingsPerScript = 24;

    /// <summary>Sentence shapes per kind: {0} the value (blood pressure: systolic), {1} the diastolic.</summary>
    private static readonly (string Kind, string[] Shapes)[] Shapes =
    [
        (VitalsExtractor.BloodPressure,
        [
            "Your blood pressure today is {0} over {1}.", "Pressure's running {0} over {1}.", "I'm getting {0} over {1} for your blood pressure.",
            "Blood pressure came in at {0} over {1}.", "Your BP is {0} over {1}, which is better.", "The blood pressure was {0} over {1} when the nurse checked it.",
        ]),
        (VitalsExtractor.HeartRate,
        [
            "Your heart rate is {0}.", "Pulse is {0} and regular.", "Your pulse was about {0} when I counted it.", "Heart rate's {0} beats a minute.",
            "I've got your pulse at {0}.",
        ]),
        (VitalsExtractor.Spo2,
        [
            "Oxygen's sitting at {0} percent on room air.", "Your oxygen saturation is {0} percent.", "Sats are {0} percent.",
            "Your oxygen level looks good at {0} percent.", "Pulse ox reads {0} percent.",
        ]),
        (VitalsExtractor.Temperature,
        [
            "Temperature is {0}.", "You've got a temperature of {0}.", "No fever, {0} today.", "Your temp is {0} degrees.",
        ]),
        (VitalsExtractor.Weight,
        [
            "The scale has you at {0} pounds.", "You weigh {0} pounds today.", "Your weight is {0} pounds, down a bit.", "Weight today, {0} pounds.",
        ]),
        (VitalsExtractor.RespiratoryRate,
        [
            "Respiratory rate is {0}.", "You're breathing {0} times a minute.", "Respirations are {0}.",
        ]),
    ];

    /// <summary>Phrasings written after the rules were mended for the first ones, first measured as they stand (figures in the session notes).</summary>
    private static readonly (string Kind, string[] Shapes)[] LaterShapes =
    [
        (VitalsExtractor.BloodPressure, ["We got {0} over {1} on the first check.", "Your numbers today are {0} over {1}.", "Blood pressure's a little high at {0} over {1}."]),
        (VitalsExtractor.HeartRate, ["Your heart's beating about {0} times a minute.", "The pulse came back at {0}."]),
        (VitalsExtractor.Spo2, ["You're satting {0} percent.", "Oxygen level came back {0} percent."]),
        (VitalsExtractor.Temperature, ["You're running a temp of {0}.", "The thermometer says {0}."]),
        (VitalsExtractor.Weight, ["You're at {0} pounds on our scale.", "We have your weight as {0} pounds."]),
        (VitalsExtractor.RespiratoryRate, ["You're taking {0} breaths a minute."]),
    ];

    /// <summary>A third batch, written in session 16 after the rest, first measured as they stand.</summary>
    private static readonly (string Kind, string[] Shapes)[] ThirdShapes =
    [
        (VitalsExtractor.BloodPressure, ["Let me check your blood pressure. It's {0} over {1}.", "Second reading was {0} over {1}.", "BP {0} over {1}, nice and steady."]),
        (VitalsExtractor.HeartRate, ["Your heart rate came in at {0}.", "Pulse {0}, nice and regular.", "Your heart rate is running around {0}."]),
        (VitalsExtractor.Spo2, ["Your oxygen is {0} percent.", "O2 sat {0} percent on room air."]),
        (VitalsExtractor.Temperature, ["Your temperature's {0} degrees.", "Temp {0} this morning."]),
        (VitalsExtractor.Weight, ["You've gained a little, you're {0} pounds now.", "Today's weight is {0} pounds."]),
        (VitalsExtractor.RespiratoryRate, ["Breathing rate is {0} a minute.", "Your respiratory rate's {0}."]),
    ];

    /// <summary>A fourth batch, written in session 17 before any rule for it, first measured as the rules stood.</summary>
    private static readonly (string Kind, string[] Shapes)[] FourthShapes =
    [
        (VitalsExtractor.BloodPressure, ["Top number's {0}, bottom number's {1}.", "It's {0} over {1} on the right arm.", "Blood pressure reads {0} over {1}."]),
        (VitalsExtractor.HeartRate, ["Heart's going at {0}.", "Her heart rate was {0} on the monitor.", "Pulse rate {0}."]),
        (VitalsExtractor.Spo2, ["Saturating {0} percent.", "Oxygen saturation's {0}.", "Pulse oximetry {0} percent."]),
        (VitalsExtractor.Temperature, ["She's afebrile at {0}.", "Temperature {0} Fahrenheit.", "Thermometer read {0}."]),
        (VitalsExtractor.Weight, ["Weight's up to {0} pounds.", "He's {0} pounds with his shoes on.", "On the scale, {0} pounds."]),
        (VitalsExtractor.RespiratoryRate, ["Breathing {0} times per minute.", "Resp rate {0}."]),
    ];

    private sealed record Reading(string Kind, double Value, double? Second, string Said, bool Later = false);

    public static async Task RunAsync(bool speech, bool verbose)
    {
        var readings = Readings(Shapes, 2026);
        Console.WriteLine($"{readings.Count} readings, {Shapes.Sum(s => s.Shapes.Length)} sentence shapes over {Shapes.Length} kinds:");
        var extractor = ExtractionBenchmark.Extractor;
        var misses = new List<string>();
        var later = Readings(LaterShapes, 2027).Select(r => r with { Later = true }).ToList();
        var third = Readings(ThirdShapes, 2028).Select(r => r with { Later = true }).ToList();
        var fourth = Readings(FourthShapes, 2029).Select(r => r with { Later = true }).ToList();
        foreach (var (label, set) in new[] { ("from the text", readings), ("from the text, later phrasings", later), ("from the text, third batch", third), ("from the text, fourth batch", fourth) })
        {
            var right = 0;
            foreach (var reading in set)
            {
                var vitals = extractor.Extract(ClinicalTranscript.FromText($"D: {reading.Said}\nP: Okay.")).Vitals;
                if (Matches(vitals, reading))
                {
                    right++;
                }
                else
                {
                    misses.Add($"{reading.Said} -> {string.Join(", ", vitals.Select(v => $"{v.Kind} {v.Value}{(v.Second is { } s ? "/" + s : "")}"))}");
                }
            }

            Console.WriteLine($"| {label} | right {right} of {set.Count} ({(double)right / set.Count:P1}) |");
        }

        if (verbose)
        {
            misses.ForEach(m => Console.WriteLine($"    {m}"));
        }

        if (!speech)
        {
            return;
        }

        var scripts = new List<(string Path, List<Reading> Lines)>();
        for (var start = 0; start < readings.Count; start += ReadingsPerScript)
        {
            var lines = readings.Skip(start).Take(ReadingsPerScript).ToList();
            var text = string.Concat(lines.Select(r => $"D: {r.Said}\nP: Okay.\n"));
            scripts.Add((SpokenScripts.Save("spoken-vitals", $"vitals-{start / ReadingsPerScript:D2}", text), lines));
        }

        var transcripts = await SpeechTranscripts.GetAsync(scripts.Select(s => s.Path).ToList());
        var (heardRight, heardMisses) = (0, new List<string>());
        foreach (var (path, lines) in scripts)
        {
            var turns = (await ConsultAudio.GetAsync(path)).Turns;
            foreach (var (reading, index) in lines.Select((r, i) => (r, i)))
            {
                // Each reading on its own: the recogniser's lines heard while it was said.
                var turn = turns[2 * index];
                var heard = SpokenScripts.Heard(transcripts[path], turn);
                var vitals = extractor.Extract(ClinicalTranscript.From(heard.Select((u, k) => u with { Index = k, Speaker = Speakers.Doctor }))).Vitals;
                if (Matches(vitals, reading))
                {
                    heardRight++;
                }
                else
                {
                    heardMisses.Add($"{reading.Said}: \"{string.Join(" / ", heard.Select(u => u.Text))}\" -> {string.Join(", ", vitals.Select(v => $"{v.Kind} {v.Value}"))}");
                }
            }
        }

        Console.WriteLine($"| by voice | right {heardRight} of {readings.Count} ({(double)heardRight / readings.Count:P1}) |");
        if (verbose)
        {
            heardMisses.ForEach(m => Console.WriteLine($"    missed {m}"));
        }
    }

    private static bool Matches(IReadOnlyList<Clinical.VitalFact> vitals, Reading reading) =>
        vitals.Any(v => v.Kind == reading.Kind && Math.Abs(v.Value - reading.Value) < 0.05 && (reading.Second is null || v.Second is { } s && Math.Abs(s - reading.Second.Value) < 0.05));

    /// <summary>Every shape three times with values drawn at random in plausible ranges.</summary>
    private static List<Reading> Readings((string Kind, string[] Shapes)[] kinds, int seed)
    {
        var random = new Random(seed);
        var readings = new List<Reading>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (kind, shapes) in kinds)
            {
                foreach (var shape in shapes)
                {
                    var (value, second, said, saidSecond) = kind switch
                    {
                        VitalsExtractor.BloodPressure => Pair(random.Next(96, 182), random.Next(56, 108)),
                        VitalsExtractor.HeartRate => Whole(random.Next(48, 128)),
                        VitalsExtractor.Spo2 => Whole(random.Next(88, 101)),
                        VitalsExtractor.Temperature => Tenths(random.Next(965, 1034)),
                        VitalsExtractor.Weight => Whole(random.Next(95, 290)),
                        _ => Whole(random.Next(12, 32)),
                    };
                    readings.Add(new Reading(kind, value, second, string.Format(CultureInfo.InvariantCulture, shape, said, saidSecond)));
                }
            }
        }

        return readings;

        static (double, double?, string, string) Pair(int systolic, int diastolic) => (systolic, diastolic, SpokenNumbers.Reading(systolic), SpokenNumbers.Words(diastolic));
        static (double, double?, string, string) Whole(int n) => (n, null, SpokenNumbers.Reading(n), "");
        static (double, double?, string, string) Tenths(int tenths) =>
            (tenths / 10.0, null, $"{SpokenNumbers.Reading(tenths / 10)} point {SpokenNumbers.Words(tenths % 10)}", "");
    }
}
