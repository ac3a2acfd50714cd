using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedScribe.Abstractions.Templates;
using MedScribe.Clinical.Extraction;

namespace MedScribe.Clinical.Templates;

/// <summary>Renders extracted facts in the shapes of shared/spec/templates.md; a fact not said is null or absent, never invented.</summary>
public static class TemplateRenderer
{
    public static JsonNode Render(string templateId, ClinicalFacts facts) => templateId switch
    {
        "transcript" => Transcript(facts),
        "soap" => Soap(facts),
        "medications" => new JsonArray(facts.Medications.Select(Medication).ToArray()),
        "vitals" => Vitals(facts),
        "hpi" => Hpi(facts),
        "problems" => new JsonArray(facts.Problems.Select(Problem).ToArray()),
        "allergies" => new JsonArray(facts.Allergies.Select(Allergy).ToArray()),
        "orders" => new JsonArray(facts.Orders.Select(Order).ToArray()),
        // The official schema wants an object (or an array of objects) as data, so "no follow-up said" is an object of nulls.
        "follow_up" => new JsonObject { ["interval"] = facts.FollowUp?.Interval, ["instructions"] = facts.FollowUp?.Instructions, ["evidence"] = EvidenceOf(facts.FollowUp?.Evidence ?? []) },
        "patient_instructions" => PatientInstructions(facts),
        "discharge_summary" => DischargeSummary(facts),
        "referral_letter" => ReferralLetter(facts),
        "history_physical" => HistoryPhysical(facts),
        "progress_note" => ProgressNote(facts),
        "consultation_note" => ConsultationNote(facts),
        _ => throw new ArgumentException($"'{templateId}' is not a built-in template.", nameof(templateId)),
    };

    /// <summary>A tenant's template: each section filled from the facts its key, title and instructions ask for.</summary>
    public static JsonObject RenderCustom(CustomTemplate template, ClinicalFacts facts)
    {
        var result = new JsonObject();
        foreach (var section in template.Sections)
        {
            result[section.Key] = SectionText(section, facts);
        }

        return result;
    }

    private static readonly (string[] Cues, Func<ClinicalFacts, string?> Text)[] SectionSources =
    [
        (["subjective", "history of present", "hpi", "complaint", "symptom", "presenting"], f => Lines(SoapSubjective(f))),
        (["objective", "exam", "physical", "finding"], f => Lines(SoapObjective(f))),
        (["vital"], f => VitalsLine(f)),
        (["medication", "drug", "prescription", "meds"], f => Lines(f.Medications.Select(MedicationLine).ToList())),
        (["allerg"], f => f.Allergies.Count == 0 ? null : string.Join("; ", f.Allergies.Select(a => a.Reaction is null ? a.Substance : $"{a.Substance} ({a.Reaction})"))),
        (["assessment", "diagnos", "problem", "impression"], f => Lines(SoapAssessment(f))),
        (["order", "lab", "test", "imaging", "referral", "investigation"], f => Lines(f.Orders.Select(OrderLine).ToList())),
        (["follow"], f => f.FollowUp is { } fu ? $"Follow up {fu.When}." : null),
        (["instruction", "advice", "education", "counsel"], f => Lines(f.Instructions.Select(i => i.Text).ToList())),
        (["plan", "management", "treatment"], f => Lines(SoapPlan(f))),
        (["summary", "narrative"], f => Narrative(f)),
    ];

    private static JsonNode? SectionText(TemplateSection section, ClinicalFacts facts)
    {
        var asked = $"{section.Key} {section.Title} {section.Instructions}".Replace('_', ' ').ToLowerInvariant();
        var sources = SectionSources.Where(s => s.Cues.Any(asked.Contains)).ToList();
        var texts = sources.Select(s => s.Text(facts)).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        return texts.Count == 0 ? null : JsonValue.Create(string.Join("\n", texts));
    }

    /// <summary>Whether the rule engine knows what a section asks for (a section it cannot read is null in the result).</summary>
    public static bool Understands(TemplateSection section)
    {
        var asked = $"{section.Key} {section.Title} {section.Instructions}".Replace('_', ' ').ToLowerInvariant();
        return SectionSources.Any(s => s.Cues.Any(asked.Contains));
    }

    private static JsonObject Transcript(ClinicalFacts facts) => new()
    {
        ["text"] = string.Join('\n', facts.Transcript.Utterances.Select(u => $"{u.Speaker}: {u.Text}")),
        ["utterances"] = new JsonArray(facts.Transcript.Utterances.Select(u => (JsonNode)new JsonObject
        {
            ["speaker"] = u.Speaker, ["text"] = u.Text, ["start_ms"] = u.StartMs, ["end_ms"] = u.EndMs,
        }).ToArray()),
    };

    private static JsonObject Soap(ClinicalFacts facts) => new()
    {
        ["subjective"] = Numbered(SoapSubjective(facts)),
        ["objective"] = Numbered(SoapObjective(facts)),
        ["assessment"] = Numbered(SoapAssessment(facts)),
        ["plan"] = Numbered(SoapPlan(facts)),
    };

    public static IReadOnlyList<string> SoapSubjective(ClinicalFacts facts)
    {
        var lines = new List<string>();
        var h = facts.History;
        if (h.ChiefComplaint is not null)
        {
            lines.Add($"Chief complaint: {h.ChiefComplaint}.");
        }

        lines.AddRange(ReportLines(facts));

        var current = facts.Medications.Where(m => m.Action is not "start").Select(m => m.Name).ToList();
        if (current.Count > 0)
        {
            lines.Add($"Current medications: {string.Join(", ", current)}.");
        }

        lines.Add(AllergyLine(facts));
        return lines;
    }

    public static IReadOnlyList<string> SoapObjective(ClinicalFacts facts)
    {
        var lines = new List<string>();
        if (VitalsLine(facts) is { } vitals)
        {
            lines.Add($"Vitals: {vitals}.");
        }

        lines.AddRange(ExamLines(facts));
        return lines;
    }

    /// <summary>What the patient reported, in the note's words, then what they denied.</summary>
    private static List<string> ReportLines(ClinicalFacts facts)
    {
        var lines = facts.SubjectiveLines.Select(l => Text.AnsweredQuestion.IsStatement(l.Text) ? l.Text : $"Reports: {Text.NoteStyle.Report(l.Text)}").ToList();
        if (facts.History.PertinentNegatives.Count > 0)
        {
            lines.Add($"Denies: {string.Join(", ", facts.History.PertinentNegatives)}.");
        }

        return lines;
    }

    /// <summary>What the clinician found on examination and read during the visit, vitals apart.</summary>
    private static List<string> ExamLines(ClinicalFacts facts)
    {
        var lines = facts.ObjectiveLines.Select(l => Text.NoteStyle.Shorthand(l.Text)).ToList();
        var negatives = facts.Findings.Where(f => f.ByClinician && !f.Present).Select(f => f.Name).Distinct().ToList();
        if (negatives.Count > 0)
        {
            lines.Add($"No {string.Join(", no ", negatives)} on examination.");
        }

        return lines;
    }

    /// <summary>
    /// Each problem with its code, status and the clinician's reasons; the clinician's judgements of results and control not
    /// already said with a problem ("Pressure above goal of under 130/80."); then what the clinician excluded, on one line.
    /// </summary>
    public static IReadOnlyList<string> SoapAssessment(ClinicalFacts facts)
    {
        var lines = ProblemLines(facts).ToList();
        var said = facts.Problems.SelectMany(p => p.Basis).ToHashSet(StringComparer.Ordinal);
        lines.AddRange(facts.Judgements.Where(j => !said.Contains(j.Text)).Select(j => Text.NoteStyle.Shorthand(j.Text)).Where(l => l.Length > 0).Distinct());
        if (facts.RuledOut.Count > 0)
        {
            lines.Add(Capitalized(string.Join("; ", facts.RuledOut.Select(r => r.Text))) + ".");
        }

        // "You don't need an x-ray or an MRI right now": a test judged unnecessary is part of the reasoning (the plan says it too).
        lines.AddRange(facts.NotDone.Where(n => n.Text.Contains("not needed", StringComparison.Ordinal)).Select(n => n.Text));
        return lines;
    }

    /// <summary>
    /// Each problem as the clinician named it, with its ICD-10-CM code and the code's title when that says more
    /// ("High blood pressure (I10, essential (primary) hypertension), newly diagnosed."), then what the clinician said
    /// of it, in shorthand when it adds to the name; a question ("… correct?") says nothing of it.
    /// </summary>
    private static IReadOnlyList<string> ProblemLines(ClinicalFacts facts) =>
        facts.Problems.Select(p =>
        {
            var name = Text.Tokens.Words(p.Name).ToHashSet();
            var titled = p.Display is { } display ? Text.Tokens.Words(display).ToHashSet() : [];
            var title = titled.Any(w => w.Length > 3 && !name.Contains(w) && !TitleFiller.Contains(w)) ? ", " + p.Display!.ToLowerInvariant() : "";
            var status = p.Status switch { "new" => "newly diagnosed", _ => p.Status };
            var course = p.Course is { } said && !p.Name.Contains(said, StringComparison.OrdinalIgnoreCase) && said != status ? $", {said}" : "";
            var line = $"{Capitalized(p.Name)}{(p.Code is null ? "" : $" ({p.Code}{title})")}, {status}{course}.";
            // A sentence that only names the problem again ("This is an acute bladder infection, what we call acute cystitis")
            // adds nothing: it needs three words of its own beyond the name, the code's title and the words that name things.
            // What will be done about it ("for the overactive bladder, let's swap the oxybutynin for mirabegron") is the plan's.
            var basis = p.Basis.Where(b => !b.TrimEnd().EndsWith('?') && !IsPlanTalk(Text.Tokens.Words(b))).Select(b => Text.NoteStyle.Shorthand(b))
                .Where(b => Text.Tokens.Words(b).Count(w => w.Length > 3 && !name.Contains(w) && !titled.Contains(w) && !NamingWords.Contains(w)) >= 3).Distinct().Take(2).ToList();
            return basis.Count == 0 ? line : $"{line} {string.Join(' ', basis)}";
        }).ToList();

    /// <summary>"Let's swap …", "we'll start …", "cut the amlodipine in half": a decision, not what the clinician found.</summary>
    private static bool IsPlanTalk(IReadOnlyList<string> words) =>
        Extraction.NoteExtractor.FirstWord(words) is "take" or "start" or "stop" or "cut" or "continue" or "increase" or "decrease" or "switch" or "swap" or "use" or "apply" or "hold"
        || words.Any(w => w is "let's" or "we'll" or "i'll" or "swap" or "switch" or "prescribe" or "prescribing" or "ordering" or "referring" or "starting" or "stopping");

    /// <summary>Words that name or point at a problem without saying anything of it: "this is what we call …", "looks like …".</summary>
    private static readonly HashSet<string> NamingWords =
    [
        "this", "that", "what", "call", "called", "calls", "looks", "look", "like", "sounds", "seems", "think", "probably", "likely", "definitely",
        "consistent", "kind", "have", "with", "there", "these", "those", "they", "been", "also", "some", "classic", "typical", "pretty", "diagnosis",
    ];

    /// <summary>Words of a code's title that say nothing the clinician's name for the problem does not.</summary>
    private static readonly HashSet<string> TitleFiller = ["unspecified", "other", "specified", "without", "complications", "mention", "site", "episode", "initial", "encounter"];

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static IReadOnlyList<string> SoapPlan(ClinicalFacts facts)
    {
        var lines = facts.Medications.Select(MedicationLine).ToList();
        var medicationWords = lines.Select(l => Text.Tokens.Words(l).ToHashSet()).ToList();
        foreach (var group in facts.Orders.Where(o => o.Name != WorkNote).GroupBy(o => o.Type))
        {
            var label = group.Key switch { "lab" => "Labs", "imaging" => "Imaging", "procedure" => "Procedures", "referral" => "Referrals", _ => "Other" };
            lines.Add($"{label}: {string.Join(", ", group.Select(o => o.Name))}.");
        }

        lines.AddRange(facts.Orders.Where(o => o.Name == WorkNote).Select(WorkNoteLine));

        // What was given during the visit, then what was decided against or put off: "Chest x-ray not needed now.".
        lines.AddRange(facts.GivenInClinic.Select(g => g.Text));
        lines.AddRange(facts.NotDone.Select(n => n.Text));

        lines.AddRange(facts.Instructions.Select(i => InstructionLine(facts, i)).OfType<string>()
            // "Keep that up." and "I'll make sure that's listed." say nothing a note needs.
            .Where(l => Text.Tokens.Words(l).Count(w => w.Length > 2) >= 3)
            // "I'd like you to stop it." is "Stop st. john's wort.", already the medication line.
            .Where(l => !medicationWords.Any(m => Text.Tokens.Words(l).All(m.Contains)))
            .Select(Precaution));
        lines.AddRange(facts.Counseling.Select(c => c.Text));

        // "Follow up in 8 weeks, sooner if …" already said as an instruction needs no second line.
        if (facts.FollowUp is { } f && !lines.Any(l => l.StartsWith($"Follow up {f.When}", StringComparison.Ordinal)))
        {
            lines.Add($"Follow up {f.When}.");
        }

        return lines;
    }

    /// <summary>
    /// An instruction as a plan line, or null. One about a drug (by any of its names) is already a medication line, except a
    /// rule for when to hold it ("If she can't keep fluids down, she should hold the Jardiance and the metformin" is "Sick-day
    /// rule: if …, hold empagliflozin and metformin …") and a precaution ("If you need albuterol more often than every four
    /// hours, … go to the emergency room"); "Please tell her we're not near dialysis" is a word for the interpreter to pass on.
    /// </summary>
    private static string? InstructionLine(ClinicalFacts facts, InstructionFact instruction)
    {
        var words = Text.Tokens.Words(instruction.Text);
        if (words is ["tell" or "ask", "her" or "him" or "them", ..] or ["please", "tell" or "ask", "her" or "him" or "them", ..])
        {
            return null;
        }

        var drug = Lexicons.ClinicalLexicon.Default.Drugs.FindAll(words).Count > 0;
        var sickDay = drug && words is ["if" or "when" or "whenever" or "unless", ..] && words.Any(w => w is "hold" or "skip" or "stop" or "pause");
        var precaution = words is ["if" or "when" or "whenever", ..] && words.Any(w => w is "emergency" or "911" or "er" or "call");
        if (drug && !sickDay && !precaution)
        {
            return null;
        }

        var line = Text.NoteStyle.Shorthand(instruction.Text, Referent(facts, instruction));
        if (!sickDay)
        {
            return line;
        }

        var generic = Generic(line);
        return $"Sick-day rule: {char.ToLowerInvariant(generic[0])}{generic[1..]}";
    }

    /// <summary>A line with every drug by its generic name ("the Jardiance" is "empagliflozin").</summary>
    private static string Generic(string line)
    {
        var tokens = Text.Tokens.Of(line);
        var matches = Lexicons.ClinicalLexicon.Default.Drugs.FindAll(tokens.Select(t => t.Text).ToList());
        for (var k = matches.Count - 1; k >= 0; k--)
        {
            var (start, end) = (tokens[matches[k].Start].Start, tokens[matches[k].End - 1].End);
            line = line[..start] + matches[k].Value.Generic + line[end..];
        }

        return line;
    }

    private const string WorkNote = "work note";

    /// <summary>
    /// A work note with what it says: "I'll give you a work note for light duty: no lifting over twenty pounds for the next two
    /// weeks" is "Work note: light duty: no lifting over 20 lb for next 2 weeks.".
    /// </summary>
    private static string WorkNoteLine(OrderFact order)
    {
        var said = order.Evidence.Count == 0 ? "" : order.Evidence[0].Text;
        var at = Regex.Match(said, @"\b(work note|note for work|work excuse|doctor's note)\b[,:]?\s*(for\s+)?(?<what>[^.?!]*)", RegexOptions.IgnoreCase);
        var what = at.Success ? Text.NoteStyle.Shorthand(at.Groups["what"].Value).TrimEnd('.') : "";
        return what.Length < 3 ? "Work note." : $"Work note: {char.ToLowerInvariant(what[0])}{what[1..]}.";
    }

    /// <summary>
    /// A plan line that says where to go or whom to call if something happens is labelled as notes label it: "Emergency
    /// precautions: if …, go to emergency room", "Return precautions: call clinic if …".
    /// </summary>
    private static string Precaution(string line)
    {
        // The line must be about it from its first word: "use albuterol before stairs, and call clinic if …" is about albuterol.
        var words = Text.Tokens.Words(line);
        if (words.Length == 0 || words[0] is not ("if" or "call" or "go" or "return" or "come" or "bring" or "seek" or "contact")
            || !words.Any(w => w is "if" or "unless" or "whenever"))
        {
            return line;
        }

        var text = string.Join(' ', words);
        var label = words.Any(w => w is "emergency" or "911" or "er" or "ambulance") || text.Contains("urgent care", StringComparison.Ordinal) ? "Emergency precautions"
            : words.Any(w => w is "call" or "return" or "recheck" or "back" or "contact" or "message") ? "Return precautions"
            : null;
        return label is null ? line : $"{label}: {char.ToLowerInvariant(line[0])}{line[1..]}";
    }

    /// <summary>The drug an instruction's "it" stands for: the last medication named at or before the instruction's utterance.</summary>
    private static string? Referent(ClinicalFacts facts, InstructionFact instruction)
    {
        var at = instruction.Evidence.Count == 0 ? -1 : instruction.Evidence[0].Utterance;
        return facts.Medications.Where(m => m.Evidence.Any(e => e.Utterance <= at && e.Utterance >= at - 1))
            .OrderByDescending(m => m.Evidence.Where(e => e.Utterance <= at).Max(e => e.Utterance)).Select(m => m.Name).FirstOrDefault();
    }

    private static string AllergyLine(ClinicalFacts facts) => facts.Allergies.Count == 0
        ? "Allergies: not discussed."
        : "Allergies: " + string.Join("; ", facts.Allergies.Select(a => a.Substance == AllergyExtractor.Nkda ? "no known drug allergies" : a.Reaction is null ? a.Substance : $"{a.Substance} ({a.Reaction})")) + ".";

    private static string MedicationLine(MedicationFact m)
    {
        var verb = m.Action switch
        {
            "start" => "Start", "continue" => "Continue", "increase" => "Increase", "decrease" => "Decrease", "stop" => "Stop", "hold" => "Hold", _ => m.Action,
        };
        if (m.Titration is not null)
        {
            // "Increase insulin glargine by 2 units every 3 days until fasting sugars under 130 (now 30 units every night)."
            var now = string.Join(' ', new[] { m.Dosage, m.Frequency }.Where(p => p is not null));
            return $"{verb} {m.Name} {m.Titration}{(now.Length == 0 ? "" : $" (now {now})")}.";
        }

        var parts = new[] { m.Name, m.Action is "increase" or "decrease" && m.Dosage is not null ? "to " + m.Dosage : m.Dosage, m.Route, m.Frequency }.Where(p => p is not null);
        // "Start rivaroxaban 15 mg twice daily with food for 3 weeks, then 20 mg once daily."
        var details = m.Details is null ? "" : m.Details.StartsWith("then ", StringComparison.Ordinal) || m.Details.StartsWith("after ", StringComparison.Ordinal) ? ", " + m.Details : " " + m.Details;
        return $"{verb} {string.Join(' ', parts)}{details}.";
    }

    private static string OrderLine(OrderFact o) => $"{o.Type}: {o.Name}{(o.CptCode is null ? "" : $" (CPT {o.CptCode})")}";

    private static string? VitalsLine(ClinicalFacts facts)
    {
        var order = new[] { VitalsExtractor.BloodPressure, VitalsExtractor.HeartRate, VitalsExtractor.RespiratoryRate, VitalsExtractor.Temperature, VitalsExtractor.Spo2, VitalsExtractor.Weight, VitalsExtractor.Height, VitalsExtractor.PainScore };
        var labels = new Dictionary<string, string>
        {
            [VitalsExtractor.BloodPressure] = "BP", [VitalsExtractor.HeartRate] = "HR", [VitalsExtractor.RespiratoryRate] = "RR", [VitalsExtractor.Temperature] = "Temp",
            [VitalsExtractor.Spo2] = "SpO2", [VitalsExtractor.Weight] = "Weight", [VitalsExtractor.Height] = "Height", [VitalsExtractor.PainScore] = "Pain",
        };
        var parts = order.Select(k => facts.Vitals.FirstOrDefault(v => v.Kind == k)).OfType<VitalFact>().Select(v => $"{labels[v.Kind]} {v.Text}").ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static JsonObject Vitals(ClinicalFacts facts)
    {
        JsonNode? Member(string kind, Func<VitalFact, JsonObject> shape) => facts.Vitals.FirstOrDefault(v => v.Kind == kind) is { } v ? shape(v) : null;
        JsonObject Simple(VitalFact v) => new() { ["value"] = v.Value, ["unit"] = v.Unit, ["evidence"] = EvidenceOf(v.Evidence) };
        return new JsonObject
        {
            ["blood_pressure"] = Member(VitalsExtractor.BloodPressure, v => new JsonObject { ["systolic"] = v.Value, ["diastolic"] = v.Second, ["text"] = v.Text, ["evidence"] = EvidenceOf(v.Evidence) }),
            ["heart_rate"] = Member(VitalsExtractor.HeartRate, Simple),
            ["respiratory_rate"] = Member(VitalsExtractor.RespiratoryRate, Simple),
            ["temperature"] = Member(VitalsExtractor.Temperature, Simple),
            ["spo2"] = Member(VitalsExtractor.Spo2, Simple),
            ["weight"] = Member(VitalsExtractor.Weight, Simple),
            ["height"] = Member(VitalsExtractor.Height, Simple),
            ["pain_score"] = Member(VitalsExtractor.PainScore, Simple),
        };
    }

    private static JsonObject Hpi(ClinicalFacts facts)
    {
        var h = facts.History;
        return new JsonObject
        {
            ["chief_complaint"] = h.ChiefComplaint,
            ["onset"] = h.Onset,
            ["duration"] = h.Duration,
            ["location"] = h.Location,
            ["character"] = h.Character,
            ["severity"] = h.Severity,
            ["aggravating_factors"] = Strings(h.AggravatingFactors),
            ["relieving_factors"] = Strings(h.RelievingFactors),
            ["associated_symptoms"] = Strings(h.AssociatedSymptoms),
            ["pertinent_negatives"] = Strings(h.PertinentNegatives),
            ["narrative"] = Narrative(facts),
            ["evidence"] = EvidenceOf(h.Evidence),
        };
    }

    /// <summary>A short history in prose, composed from the facts only.</summary>
    public static string? Narrative(ClinicalFacts facts)
    {
        var h = facts.History;
        var sentences = new List<string>();
        if (h.ChiefComplaint is not null)
        {
            sentences.Add($"Presents with {h.ChiefComplaint}.");
        }

        if (h.Onset is not null && h.Duration is null)
        {
            sentences.Add($"Onset {h.Onset}.");
        }

        if (h.Location is not null)
        {
            sentences.Add($"Location: {h.Location}.");
        }

        if (h.Character is not null)
        {
            sentences.Add($"Described as {h.Character}.");
        }

        if (h.AggravatingFactors.Count > 0)
        {
            sentences.Add($"Worse when {string.Join("; ", h.AggravatingFactors)}.");
        }

        if (h.RelievingFactors.Count > 0)
        {
            sentences.Add($"Better with {string.Join("; ", h.RelievingFactors)}.");
        }

        if (h.AssociatedSymptoms.Count > 0)
        {
            sentences.Add($"Reports {string.Join(", ", h.AssociatedSymptoms)}.");
        }

        if (h.PertinentNegatives.Count > 0)
        {
            sentences.Add($"Denies {string.Join(", ", h.PertinentNegatives)}.");
        }

        return sentences.Count == 0 ? null : string.Join(' ', sentences);
    }

    private static JsonObject Medication(MedicationFact m) => new()
    {
        ["name"] = m.Name,
        ["dosage"] = m.Dosage,
        ["frequency"] = m.Frequency,
        ["route"] = m.Route,
        ["instructions"] = m.Instructions,
        ["action"] = m.Action,
        ["evidence"] = EvidenceOf(m.Evidence),
    };

    private static JsonObject Problem(ProblemFact p) => new()
    {
        ["name"] = p.Name,
        ["icd10"] = p.Code is null ? null : new JsonObject { ["code"] = p.Code, ["display"] = p.Display },
        ["status"] = p.Status,
        ["evidence"] = EvidenceOf(p.Evidence),
    };

    private static JsonObject Allergy(AllergyFact a) => new()
    {
        ["substance"] = a.Substance,
        ["reaction"] = a.Reaction,
        ["severity"] = a.Severity,
        ["evidence"] = EvidenceOf(a.Evidence),
    };

    private static JsonObject Order(OrderFact o) => new()
    {
        ["type"] = o.Type,
        ["name"] = o.Name,
        ["code"] = o.CptCode is null ? null : new JsonObject { ["system"] = "http://www.ama-assn.org/go/cpt", ["code"] = o.CptCode },
        ["evidence"] = EvidenceOf(o.Evidence),
    };

    private static JsonObject PatientInstructions(ClinicalFacts facts)
    {
        var summary = new List<string>();
        if (facts.Problems.Count > 0)
        {
            summary.Add($"Today we talked about: {string.Join(", ", facts.Problems.Select(p => p.Name))}.");
        }

        foreach (var m in facts.Medications)
        {
            summary.Add(m.Action switch
            {
                "start" => $"Start taking {m.Name}{Dose(m)}.",
                "stop" => $"Stop taking {m.Name}.",
                "hold" => $"Pause {m.Name} for now.",
                "increase" => $"Take a higher dose of {m.Name}{Dose(m)}.",
                "decrease" => $"Take a lower dose of {m.Name}{Dose(m)}.",
                _ => $"Keep taking {m.Name}{Dose(m)}.",
            });
        }

        if (facts.Orders.Count > 0)
        {
            summary.Add($"Tests and referrals: {string.Join(", ", facts.Orders.Select(o => o.Name))}.");
        }

        if (facts.FollowUp is { } f)
        {
            summary.Add($"Come back {f.When}.");
        }

        return new JsonObject
        {
            ["items"] = new JsonArray(facts.Instructions.Select(i => (JsonNode)new JsonObject { ["text"] = i.Text, ["evidence"] = EvidenceOf(i.Evidence) }).ToArray()),
            ["summary"] = summary.Count == 0 ? null : string.Join(' ', summary),
        };

        static string Dose(MedicationFact m) => (m.Dosage, m.Frequency) switch
        {
            (null, null) => "",
            ({ } d, null) => $", {d}",
            (null, { } fr) => $", {fr}",
            ({ } d, { } fr) => $", {d} {fr}",
        };
    }

    private static JsonObject DischargeSummary(ClinicalFacts facts)
    {
        var reason = facts.History.ChiefComplaint ?? facts.Problems.FirstOrDefault()?.Name;
        var narrative = new List<string>();
        if (reason is not null)
        {
            narrative.Add($"Seen for {reason}.");
        }

        if (facts.Problems.Count > 0)
        {
            narrative.Add($"Assessment: {string.Join("; ", facts.Problems.Select(p => $"{p.Name} ({p.Status})"))}.");
        }

        if (facts.Medications.Count > 0)
        {
            narrative.Add("Medications: " + string.Join(" ", facts.Medications.Select(MedicationLine)));
        }

        if (facts.Orders.Count > 0)
        {
            narrative.Add($"Ordered: {string.Join(", ", facts.Orders.Select(o => o.Name))}.");
        }

        if (facts.FollowUp is { } f)
        {
            narrative.Add($"Follow-up {f.When}.");
        }

        return new JsonObject
        {
            ["reason_for_visit"] = reason,
            ["diagnoses"] = Strings(facts.Problems.Select(p => p.Code is null ? p.Name : $"{p.Name} ({p.Code})").ToList()),
            ["medications"] = Strings(facts.Medications.Select(MedicationLine).ToList()),
            ["procedures"] = Strings(facts.Orders.Where(o => o.Type is "procedure" or "imaging").Select(o => o.Name).Concat(facts.GivenInClinic.Select(g => g.Text.TrimEnd('.'))).ToList()),
            ["follow_up"] = facts.FollowUp?.Interval,
            ["instructions"] = Strings(facts.Instructions.Select(i => i.Text).ToList()),
            ["narrative"] = narrative.Count == 0 ? null : string.Join(' ', narrative),
        };
    }

    private static JsonObject ReferralLetter(ClinicalFacts facts)
    {
        var referral = facts.Orders.FirstOrDefault(o => o.Type == "referral");
        var question = referral is null ? null : ReferralQuestion(facts, referral);
        var reason = facts.Problems.Count == 0 ? facts.History.ChiefComplaint : string.Join("; ", facts.Problems.Select(p => p.Name));
        var history = Narrative(facts);
        var medications = facts.Medications.Where(m => m.Action != "stop").Select(m => string.Join(' ', new[] { m.Name, m.Dosage, m.Frequency }.Where(p => p is not null))).ToList();
        var letter = new List<string> { $"Dear {(referral is null ? "colleague" : referral.Name + " colleague")},", "" };
        letter.Add($"Thank you for seeing this patient{(reason is null ? "" : $", whom I saw today for {reason}")}.");
        if (history is not null)
        {
            letter.Add(history);
        }

        if (VitalsLine(facts) is { } vitals)
        {
            letter.Add($"Vitals today: {vitals}.");
        }

        if (medications.Count > 0)
        {
            letter.Add($"Current medications: {string.Join("; ", medications)}.");
        }

        letter.Add(AllergyLine(facts));
        if (question is not null)
        {
            letter.Add($"I would appreciate your help {question}.");
        }

        letter.AddRange(["", "With thanks and kind regards"]);
        return new JsonObject
        {
            ["to_specialty"] = referral?.Name,
            ["reason"] = reason,
            ["relevant_history"] = history,
            ["current_medications"] = Strings(medications),
            ["questions"] = question,
            ["letter"] = string.Join('\n', letter),
        };
    }

    /// <summary>
    /// A history and physical: the history in prose and lists, the examination, then the assessment and plan of the
    /// SOAP note. Composed from the facts only; evidence lists every transcript line the note rests on.
    /// </summary>
    private static JsonObject HistoryPhysical(ClinicalFacts facts) => new()
    {
        ["chief_complaint"] = facts.History.ChiefComplaint,
        ["history_of_present_illness"] = Narrative(facts),
        ["past_medical_history"] = Strings(facts.Problems.Where(p => p.Status is not "new").Select(ProblemLine).ToList()),
        ["medications"] = Strings(PriorMedications(facts)),
        ["allergies"] = Strings(AllergyItems(facts)),
        ["review_of_systems"] = new JsonObject
        {
            ["positive"] = Strings(facts.Findings.Where(f => !f.ByClinician && f.Present).Select(f => f.Name).Distinct().ToList()),
            ["negative"] = Strings(facts.History.PertinentNegatives),
        },
        ["physical_exam"] = Exam(facts),
        ["assessment"] = Strings(SoapAssessment(facts)),
        ["plan"] = Strings(SoapPlan(facts)),
        ["evidence"] = EvidenceOf(NoteEvidence(facts)),
    };

    /// <summary>A follow-up visit's note: what happened since, where things stand, what changes.</summary>
    private static JsonObject ProgressNote(ClinicalFacts facts) => new()
    {
        ["interval_history"] = Lines(ReportLines(facts)),
        ["current_medications"] = Strings(PriorMedications(facts)),
        ["vitals"] = VitalsLine(facts),
        ["exam"] = Strings(ExamLines(facts)),
        ["assessment"] = Strings(SoapAssessment(facts)),
        ["medication_changes"] = Strings(facts.Medications.Where(m => m.Action != "continue").Select(MedicationLine).ToList()),
        ["plan"] = Strings(SoapPlan(facts)),
        ["follow_up"] = facts.FollowUp?.Interval,
        ["evidence"] = EvidenceOf(NoteEvidence(facts)),
    };

    /// <summary>A specialist's consultation: why the patient was sent, what was found, the impression and the recommendations.</summary>
    private static JsonObject ConsultationNote(ClinicalFacts facts) => new()
    {
        ["reason_for_consultation"] = facts.History.ChiefComplaint ?? facts.Problems.FirstOrDefault()?.Name,
        ["history"] = Narrative(facts),
        ["medications"] = Strings(PriorMedications(facts)),
        ["allergies"] = Strings(AllergyItems(facts)),
        ["exam"] = Strings(SoapObjective(facts)),
        ["impression"] = Strings(SoapAssessment(facts)),
        ["recommendations"] = Strings(SoapPlan(facts)),
        ["follow_up"] = facts.FollowUp?.Interval,
        ["evidence"] = EvidenceOf(NoteEvidence(facts)),
    };

    private static string ProblemLine(ProblemFact p) => p.Code is null ? $"{p.Name} ({p.Status})" : $"{p.Name} ({p.Code}), {p.Status}";

    /// <summary>What the patient was taking when the visit began: every drug not started today, as taken before.</summary>
    private static List<string> PriorMedications(ClinicalFacts facts) =>
        facts.Medications.Where(m => m.Action != "start")
            .Select(m => m.Action is "increase" or "decrease" ? m.Name : string.Join(' ', new[] { m.Name, m.Dosage, m.Frequency }.Where(p => p is not null)))
            .ToList();

    private static List<string> AllergyItems(ClinicalFacts facts) =>
        facts.Allergies.Select(a => a.Substance == AllergyExtractor.Nkda ? "no known drug allergies" : a.Reaction is null ? a.Substance : $"{a.Substance} ({a.Reaction})").ToList();

    private static JsonObject Exam(ClinicalFacts facts) => new()
    {
        ["vitals"] = VitalsLine(facts),
        ["findings"] = Strings(ExamLines(facts)),
    };

    /// <summary>Every transcript line a composed note rests on, in order.</summary>
    private static List<Evidence> NoteEvidence(ClinicalFacts facts) =>
        facts.Medications.SelectMany(m => m.Evidence)
            .Concat(facts.Problems.SelectMany(p => p.Evidence))
            .Concat(facts.Vitals.SelectMany(v => v.Evidence))
            .Concat(facts.Allergies.SelectMany(a => a.Evidence))
            .Concat(facts.Orders.SelectMany(o => o.Evidence))
            .Concat(facts.Instructions.SelectMany(i => i.Evidence))
            .Concat(facts.History.Evidence)
            .Concat(facts.SubjectiveLines.SelectMany(l => l.Evidence))
            .Concat(facts.ObjectiveLines.SelectMany(l => l.Evidence))
            .Concat(facts.FollowUp?.Evidence ?? [])
            .DistinctBy(e => e.Utterance).OrderBy(e => e.Utterance).ToList();

    /// <summary>"referring you to cardiology to discuss whether we should try to restore a normal rhythm": what the referral asks.</summary>
    private static string? ReferralQuestion(ClinicalFacts facts, OrderFact referral)
    {
        var sentence = facts.Transcript.Sentences.FirstOrDefault(s => s.Utterance.Index == referral.Evidence[0].Utterance && s.Text.Contains("refer", StringComparison.OrdinalIgnoreCase));
        if (sentence is null)
        {
            return null;
        }

        var text = sentence.Text.TrimEnd('.');
        foreach (var marker in new[] { " to discuss ", " to go over ", " for " , " to evaluate ", " to assess " })
        {
            var at = text.IndexOf(marker, text.IndexOf("refer", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return text[(at + 1)..].Replace(" you ", " the patient ").Replace(" your ", " the patient's ").Trim();
            }
        }

        return null;
    }

    private static string? Numbered(IReadOnlyList<string> lines) =>
        lines.Count == 0 ? null : string.Join('\n', lines.Select((l, i) => $"{i + 1}. {l}"));

    private static string? Lines(IReadOnlyList<string> lines) => lines.Count == 0 ? null : string.Join('\n', lines);

    private static JsonArray Strings(IReadOnlyList<string> items) => new(items.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());

    public static JsonArray EvidenceOf(IReadOnlyList<Evidence> evidence) => new(evidence.Select(e => (JsonNode)new JsonObject
    {
        ["utterance"] = e.Utterance,
        ["start_ms"] = e.StartMs,
        ["end_ms"] = e.EndMs,
        ["text"] = e.Text,
    }).ToArray());
}
