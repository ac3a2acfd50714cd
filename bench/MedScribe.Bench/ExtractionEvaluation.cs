using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedScribe.Clinical;
using MedScribe.Clinical.Lexicons;

namespace MedScribe.Bench;

/// <summary>Counts for one field: true positives, what we reported, what the gold annotation has.</summary>
public sealed record FieldScore(int TruePositives, int Reported, int Gold)
{
    public double Precision => Reported == 0 ? (Gold == 0 ? 1 : 0) : (double)TruePositives / Reported;
    public double Recall => Gold == 0 ? 1 : (double)TruePositives / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public static FieldScore operator +(FieldScore a, FieldScore b) => new(a.TruePositives + b.TruePositives, a.Reported + b.Reported, a.Gold + b.Gold);
    public static FieldScore Zero { get; } = new(0, 0, 0);
}

/// <summary>One consult's scores: per field, SOAP key facts, negation errors, hallucinated medications.</summary>
public sealed record ConsultScore(
    string Id,
    IReadOnlyDictionary<string, FieldScore> Fields,
    IReadOnlyDictionary<string, (int Recalled, int Total)> Soap,
    IReadOnlyList<string> NegationErrors,
    IReadOnlyList<string> HallucinatedMedications,
    IReadOnlyList<string> Misses,
    (int Copied, int Runs) Verbatim,
    IReadOnlyList<string> FoundBySound,
    (int Copied, int Runs) SubjectiveVerbatim,
    TupleParts TupleParts);

/// <summary>
/// Why medication tuples with the right name still miss: of the gold medications whose name we reported, how many
/// differ in dose, in frequency and in action (one medication can differ in several); of those differing in
/// dose or frequency, how many we left empty (a part not found, rather than found wrong).
/// </summary>
public sealed record TupleParts(int NameMatched, int Dose, int Frequency, int Action, int DoseEmpty, int FrequencyEmpty)
{
    public static TupleParts operator +(TupleParts a, TupleParts b) => new(
        a.NameMatched + b.NameMatched, a.Dose + b.Dose, a.Frequency + b.Frequency, a.Action + b.Action, a.DoseEmpty + b.DoseEmpty, a.FrequencyEmpty + b.FrequencyEmpty);

    public static TupleParts Zero { get; } = new(0, 0, 0, 0, 0, 0);
}

/// <summary>
/// Compares template results with a consult's gold annotation (shared/testdata/consults/*.json), normalising
/// as the annotation's README asks: numbers and units, frequency synonyms, names by their words.
/// </summary>
public static partial class ExtractionEvaluation
{
    public static readonly string[] FieldNames = ["medication name", "medication tuple", "vitals", "allergies", "problems", "ICD-10 exact", "orders", "follow-up"];

    /// <summary>
    /// Scores one consult. <paramref name="readWords"/> are the transcript's words as the extractor read them (a drug
    /// heard as other words spelled as the drug): a medication is supported when its name is in those, and found by
    /// sound when it is there but not in the words said.
    /// </summary>
    public static ConsultScore Score(string id, JsonNode gold, IReadOnlyDictionary<string, JsonNode?> results, string transcriptText, IReadOnlyList<string> readWords)
    {
        var misses = new List<string>();
        var fields = new Dictionary<string, FieldScore>();
        var ourMeds = results["medications"]!.AsArray().Select(m => m!).ToList();
        var goldMeds = gold["medications"]!.AsArray().Select(m => m!).ToList();
        fields["medication name"] = Match(goldMeds.Select(m => Str(m["name"])).ToList(), ourMeds.Select(m => Str(m["name"])).ToList(), (g, o) => g == o, misses, "medication");
        fields["medication tuple"] = Match(goldMeds.Select(Tuple).ToList(), ourMeds.Select(Tuple).ToList(), (g, o) => g == o, misses, "tuple");

        var goldVitals = GoldVitals(gold["vitals"]!.AsObject());
        var ourVitals = OurVitals(results["vitals"]!.AsObject());
        fields["vitals"] = Match(goldVitals, ourVitals, (g, o) => g == o, misses, "vital");

        var goldAllergies = gold["allergies"]!.AsArray().Select(a => AllergyKey(Str(a!["substance"]))).ToList();
        var ourAllergies = results["allergies"]!.AsArray().Select(a => Str(a!["substance"])).Where(s => s != "NKDA").Select(AllergyKey).ToList();
        fields["allergies"] = Match(goldAllergies, ourAllergies, (g, o) => g == o, misses, "allergy");

        var goldProblems = gold["problems"]!.AsArray().Select(p => (Name: Str(p!["name"]), Code: Str(p["icd10"]))).ToList();
        var ourProblems = results["problems"]!.AsArray().Select(p => (Name: Str(p!["name"]), Code: Str(p["icd10"]?["code"]))).ToList();
        fields["problems"] = Match(goldProblems, ourProblems,
            (g, o) => Category(g.Code) == Category(o.Code) || SameWords(g.Name, o.Name), misses, "problem");

        fields["ICD-10 exact"] = Match(goldProblems.Select(p => p.Code.ToUpperInvariant()).ToList(), ourProblems.Select(p => p.Code.ToUpperInvariant()).ToList(),
            (g, o) => g == o, misses, "icd-10");

        var goldOrders = gold["orders"]!.AsArray().Select(o => (Type: Str(o!["type"]), Name: Str(o["name"]))).ToList();
        var ourOrders = results["orders"]!.AsArray().Select(o => (Type: Str(o!["type"]), Name: Str(o["name"]))).ToList();
        fields["orders"] = Match(goldOrders, ourOrders, (g, o) => g.Type == o.Type && (SameWords(g.Name, o.Name) || SameOrder(g.Name, o.Name)), misses, "order");

        var goldFollow = gold["follow_up"] is JsonValue v ? Interval(v.GetValue<string>()) : null;
        var ourFollow = results["follow_up"]?["interval"] is JsonValue ov ? Interval(ov.GetValue<string>()) : null;
        fields["follow-up"] = new FieldScore(goldFollow is not null && goldFollow == ourFollow ? 1 : 0, ourFollow is null ? 0 : 1, goldFollow is null ? 0 : 1);
        if (goldFollow != ourFollow)
        {
            misses.Add($"follow-up: gold {goldFollow ?? "none"}, ours {ourFollow ?? "none"}");
        }

        var soap = new Dictionary<string, (int, int)>();
        foreach (var section in new[] { "subjective", "objective", "assessment", "plan" })
        {
            var text = Str(results["soap"]?[section]);
            var facts = gold["soap"]![section]!.AsArray().Select(f => Str(f)).ToList();
            var recalled = facts.Count(f => Covers(text, f));
            soap[section] = (recalled, facts.Count);
            misses.AddRange(facts.Where(f => !Covers(text, f)).Select(f => $"soap.{section}: {f}"));
        }

        var negationErrors = NegationErrors(gold, results);
        var said = MedScribe.Clinical.Text.Tokens.Words(transcriptText);
        var hallucinated = ourMeds.Select(m => Str(m["name"])).Where(name => !Supported(name, readWords)).ToList();
        var bySound = ourMeds.Select(m => Str(m["name"])).Where(name => Supported(name, readWords) && !Supported(name, said))
            .Select(name => goldMeds.Any(g => Str(g["name"]) == name) ? name : name + " (not in the gold annotation)").ToList();
        var verbatim = Verbatim(Str(results["soap"]?["assessment"]) + "\n" + Str(results["soap"]?["plan"]), transcriptText);
        var subjectiveVerbatim = Verbatim(Str(results["soap"]?["subjective"]), transcriptText);
        return new ConsultScore(id, fields, soap, negationErrors, hallucinated, misses, verbatim, bySound, subjectiveVerbatim, Parts(goldMeds, ourMeds));
    }

    /// <summary>
    /// How much of a note is copied from the transcript: of its runs of 8 consecutive words (within one sentence
    /// of the note), how many appear word for word in the transcript.
    /// </summary>
    public static (int Copied, int Runs) Verbatim(string note, string transcriptText)
    {
        var transcript = " " + string.Join(' ', MedScribe.Clinical.Text.Tokens.Words(transcriptText)) + " ";
        var copied = 0;
        var runs = 0;
        foreach (var sentence in Regex.Split(note, @"(?<=[.;:!?])\s+|\n"))
        {
            var words = MedScribe.Clinical.Text.Tokens.Words(sentence);
            for (var i = 0; i + 8 <= words.Length; i++)
            {
                runs++;
                if (transcript.Contains(" " + string.Join(' ', words.Skip(i).Take(8)) + " ", StringComparison.Ordinal))
                {
                    copied++;
                }
            }
        }

        return (copied, runs);
    }

    private static FieldScore Match<T>(IReadOnlyList<T> gold, IReadOnlyList<T> ours, Func<T, T, bool> same, List<string> misses, string label)
    {
        var unmatched = ours.ToList();
        var tp = 0;
        foreach (var g in gold)
        {
            var hit = unmatched.FindIndex(o => same(g, o));
            if (hit >= 0)
            {
                tp++;
                unmatched.RemoveAt(hit);
            }
            else
            {
                misses.Add($"{label} missed: {g}");
            }
        }

        misses.AddRange(unmatched.Select(o => $"{label} extra: {o}"));
        return new FieldScore(tp, ours.Count, gold.Count);
    }

    private static TupleParts Parts(List<JsonNode> goldMeds, List<JsonNode> ourMeds)
    {
        var unmatched = ourMeds.ToList();
        var parts = TupleParts.Zero;
        foreach (var g in goldMeds)
        {
            var hit = unmatched.FindIndex(o => Tuple(o) == Tuple(g));
            hit = hit >= 0 ? hit : unmatched.FindIndex(o => Str(o["name"]) == Str(g["name"]));
            if (hit < 0)
            {
                continue;
            }

            var o = unmatched[hit];
            unmatched.RemoveAt(hit);
            var dose = DoseKey(Str(g["dosage"])) == DoseKey(Str(o["dosage"])) ? 0 : 1;
            var frequency = FrequencyKey(Str(g["frequency"])) == FrequencyKey(Str(o["frequency"])) ? 0 : 1;
            parts += new TupleParts(
                1,
                dose,
                frequency,
                Str(g["action"]) == Str(o["action"]) ? 0 : 1,
                dose == 1 && Str(o["dosage"]).Length == 0 ? 1 : 0,
                frequency == 1 && Str(o["frequency"]).Length == 0 ? 1 : 0);
        }

        return parts;
    }

    private static string Tuple(JsonNode m) => $"{Str(m["name"])}|{DoseKey(Str(m["dosage"]))}|{FrequencyKey(Str(m["frequency"]))}|{Str(m["action"])}";

    private static string DoseKey(string dose) => Regex.Replace(dose.ToLowerInvariant(), @"\s+", "").Replace("puffs", "puff");

    /// <summary>Frequency synonyms the gold annotation and a note use interchangeably.</summary>
    public static string FrequencyKey(string frequency)
    {
        var f = frequency.ToLowerInvariant().Trim();
        var asNeeded = f.EndsWith("as needed", StringComparison.Ordinal);
        var basic = (asNeeded ? f[..^"as needed".Length] : f).Trim();
        basic = basic switch
        {
            "at bedtime" or "nightly" or "at night" or "every evening" or "before bed" or "every night at bedtime" or "nightly at bedtime"
                or "once daily at bedtime" or "every bedtime" => "every night",
            "every morning" or "once a day" or "daily" or "every day" or "in the morning" => "once daily",
            "twice a day" => "twice daily",
            "three times a day" => "three times daily",
            "monthly" or "once a month" or "every month" => "once monthly",
            "weekly" or "once a week" or "every week" => "once weekly",
            _ => basic,
        };
        return asNeeded ? (basic + " as needed").Trim() : basic;
    }

    private static List<string> GoldVitals(JsonObject vitals)
    {
        var list = new List<string>();
        foreach (var (key, value) in vitals)
        {
            switch (key)
            {
                case "blood_pressure": list.Add($"bp {Str(value)}"); break;
                case "temperature": list.Add($"temperature {Num(value)} {Str(vitals["temperature_unit"])}"); break;
                case "weight": list.Add($"weight {Num(value)} {Str(vitals["weight_unit"])}"); break;
                case "temperature_unit" or "weight_unit": break;
                default: list.Add($"{key} {Num(value)}"); break;
            }
        }

        return list;
    }

    private static List<string> OurVitals(JsonObject vitals)
    {
        var list = new List<string>();
        foreach (var (key, value) in vitals)
        {
            // The annotation never records pain scores (a patient's report, not a measurement), so they are not scored.
            if (value is null || key == "pain_score")
            {
                continue;
            }

            list.Add(key switch
            {
                "blood_pressure" => $"bp {Num(value["systolic"])}/{Num(value["diastolic"])}",
                "temperature" or "weight" => $"{key} {Num(value["value"])} {Str(value["unit"])}",
                _ => $"{key} {Num(value["value"])}",
            });
        }

        return list;
    }

    private static string AllergyKey(string substance) => MedScribe.Clinical.Text.Tokens.Words(substance).FirstOrDefault() ?? "";

    private static string Category(string code) => code.Split('.')[0].ToUpperInvariant();

    private static readonly HashSet<string> Stop =
    [
        "the", "a", "an", "of", "for", "in", "to", "and", "with", "on", "at", "is", "are", "no", "not", "or", "as", "by", "from", "per", "your", "his", "her",
    ];

    /// <summary>Abbreviations the notes and the annotation both use.</summary>
    private static readonly Dictionary<string, string> Expansions = new()
    {
        ["bp"] = "blood pressure", ["hr"] = "heart rate", ["spo2"] = "oxygen", ["ecg"] = "electrocardiogram", ["ekg"] = "electrocardiogram",
        ["cbc"] = "complete blood count", ["cmp"] = "comprehensive metabolic panel", ["bmp"] = "basic metabolic panel", ["a1c"] = "a1c",
        ["tsh"] = "thyroid stimulating hormone", ["rr"] = "respiratory rate", ["temp"] = "temperature", ["lb"] = "pounds", ["kg"] = "kilograms",
        ["pt"] = "physical therapy", ["uti"] = "urinary tract infection", ["phq"] = "phq", ["htn"] = "hypertension", ["mg"] = "mg",
        ["ed"] = "emergency room", ["er"] = "emergency room", ["nsaids"] = "anti inflammatory", ["pulse"] = "heart rate",
    };

    public static HashSet<string> ContentWords(string text)
    {
        var words = MedScribe.Clinical.Text.Tokens.Words(Regex.Replace(text, @"(\d+)/(\d+)", "$1 $2"))
            .SelectMany(w => Expansions.TryGetValue(w, out var e) ? MedScribe.Clinical.Text.Tokens.Words(e) : [w])
            .Where(w => !Stop.Contains(w))
            .Select(Stem);
        return words.ToHashSet();
    }

    private static string Stem(string word) => word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    /// <summary>Two names match when every content word of the shorter one is in the longer one.</summary>
    private static bool SameWords(string a, string b)
    {
        var (x, y) = (ContentWords(a), ContentWords(b));
        var (shorter, longer) = x.Count <= y.Count ? (x, y) : (y, x);
        return shorter.Count > 0 && shorter.All(longer.Contains);
    }

    /// <summary>
    /// Order names are free text matched by meaning (the annotation's README): "liver panel" is "liver function tests".
    /// Both names go through the order lexicon's spoken names (a referral's through the specialties': "renal dietitian" is
    /// "nutrition"); the same orderable with the same timing is the same order.
    /// </summary>
    private static bool SameOrder(string gold, string ours)
    {
        static (string? Name, string Timing) Canonical(string name)
        {
            var words = MedScribe.Clinical.Text.Tokens.Words(name);
            var match = ClinicalLexicon.Default.Orders.FindAll(words).FirstOrDefault();
            var timing = Regex.Match(name, @"\bin \d+ \w+").Value.TrimEnd('s');
            return (match.Value?.Name ?? ClinicalLexicon.Default.Specialties.FindAll(words).FirstOrDefault().Value, timing);
        }

        var (g, o) = (Canonical(gold), Canonical(ours));
        return g.Name is not null && g == o;
    }

    /// <summary>A SOAP key fact is recalled when at least 60% of its content words are in the section.</summary>
    private static bool Covers(string section, string fact)
    {
        var factWords = ContentWords(NumbersAsDigits(fact));
        var sectionWords = ContentWords(NumbersAsDigits(section));
        return factWords.Count == 0 || factWords.Count(sectionWords.Contains) >= Math.Ceiling(0.6 * factWords.Count);
    }

    private static string NumbersAsDigits(string text) => MedScribe.Clinical.Text.NoteText.Normalize(text);

    private static string? Interval(string text)
    {
        var m = IntervalPattern().Match(text.ToLowerInvariant());
        return m.Success ? $"{m.Groups[1].Value} {m.Groups[2].Value.TrimEnd('s')}" : null;
    }

    /// <summary>A finding the patient denied (or the clinician found absent) that our output reports as present.</summary>
    private static List<string> NegationErrors(JsonNode gold, IReadOnlyDictionary<string, JsonNode?> results)
    {
        var lexicon = ClinicalLexicon.Default;
        var present = new List<string>();
        present.AddRange(results["hpi"]?["associated_symptoms"]?.AsArray().Select(s => Str(s)) ?? []);
        if (results["hpi"]?["chief_complaint"] is JsonValue cc)
        {
            present.Add(cc.GetValue<string>());
        }

        present.AddRange(results["problems"]!.AsArray().Select(p => Str(p!["name"])));
        var presentNames = present.SelectMany(p => lexicon.Findings.FindAll(MedScribe.Clinical.Text.Tokens.Words(p)).Select(m => m.Value.Name)).ToHashSet();
        var errors = new List<string>();
        foreach (var negated in gold["negated_findings"]!.AsArray().Select(n => Str(n)))
        {
            // Only a finding the gold phrase names whole: "chest pain at rest" is not "chest pain".
            var words = MedScribe.Clinical.Text.Tokens.Words(negated).Where(w => !Stop.Contains(w) && w is not "prior" and not "history").ToArray();
            foreach (var match in lexicon.Findings.FindAll(words).Where(m => m.End - m.Start == words.Length))
            {
                if (presentNames.Contains(match.Value.Name) && !errors.Contains(negated))
                {
                    errors.Add(negated);
                }
            }
        }

        return errors;
    }

    /// <summary>A medication is supported when its name or one of its lexicon names is said in the transcript.</summary>
    private static bool Supported(string generic, IReadOnlyList<string> words) =>
        ClinicalLexicon.Default.Drugs.FindAll(words).Any(m => m.Value.Generic == generic);

    private static string Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static string Num(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString("0.###", CultureInfo.InvariantCulture) : Str(node);

    [GeneratedRegex(@"(\d+(?: to \d+)?)\s*(day|week|month|year)s?")]
    private static partial Regex IntervalPattern();
}
