using System.Globalization;
using System.Text.RegularExpressions;
using MedScribe.Clinical.Lexicons;

namespace MedScribe.Speech.LanguageModel;

/// <summary>
/// The text the medical language model is trained on: hand-written clinical conversation
/// (<c>clinical-corpus.txt</c>) plus templated lines over a drug list (<c>corpus-drugs.txt</c>),
/// vitals, symptoms, history, tests and referrals, and over every spoken name of the extraction
/// lexicons (<c>clinical/*.tsv</c>: drugs by generic name, problems, orders, findings, allergens, specialties), generated
/// with fixed seeds. Written for this project; none of it comes from the test consults.
/// </summary>
public static partial class ClinicalCorpus
{
    public static IReadOnlyList<string> Sentences(string dataDirectory)
    {
        var lines = new List<string>(File.ReadLines(Path.Combine(dataDirectory, "clinical-corpus.txt")));
        lines.AddRange(Templated(Drugs(dataDirectory)));
        // Beside the binaries the lexicons are copied into speech-data/clinical; in the repository they are data/clinical.
        var lexicons = new[] { Path.Combine(dataDirectory, "clinical"), Path.Combine(dataDirectory, "..", "clinical") }.FirstOrDefault(Directory.Exists);
        if (lexicons is not null)
        {
            lines.AddRange(LexiconLines(lexicons));
        }

        return lines.Select(Normalize).Where(l => l.Length > 0).ToList();
    }

    /// <summary>Lower case, hyphens as spaces, nothing but letters, digits spelled out elsewhere, apostrophes and spaces.</summary>
    public static string Normalize(string text)
    {
        var lower = text.ToLowerInvariant().Replace('-', ' ');
        return Spaces().Replace(NotWord().Replace(lower, " "), " ").Trim();
    }

    /// <summary>The drug list of the templated lines (<c>corpus-drugs.txt</c>): each drug with its typical doses and their unit.</summary>
    public static IReadOnlyList<UsualDoses> Drugs(string dataDirectory) => UsualDoses.Parse(File.ReadLines(Path.Combine(dataDirectory, "corpus-drugs.txt")));

    private static IEnumerable<string> Templated(IReadOnlyList<UsualDoses> drugs)
    {
        var random = new Random(7);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        string[] frequencies =
        [
            "once a day", "once daily", "twice a day", "twice daily", "every morning", "every evening", "at bedtime",
            "three times a day", "every night", "daily with food", "as needed", "every six hours as needed",
            "every four to six hours as needed for pain", "once a week",
        ];
        string[] doctorLeads =
        [
            "take", "I want you to take", "please take", "continue the", "we will start", "I am starting you on",
            "I am going to prescribe", "keep taking the", "you should take", "I will refill the", "stop the", "hold the",
            "let's increase the", "we will decrease the", "I'd like to switch you to", "go ahead and take",
        ];
        string[] patientLeads = ["I take", "I have been taking", "I was on", "they put me on", "I ran out of", "I stopped taking", "I'm still on"];
        var lines = new HashSet<string>();
        foreach (var drug in drugs)
        {
            for (var i = 0; i < 4; i++)
            {
                var dose = SpokenNumbers.Decimal(Pick(drug.Doses)) + " " + drug.Unit;
                var lead = random.NextDouble() < 0.7 ? Pick(doctorLeads) : Pick(patientLeads);
                lines.Add($"{lead} {drug.Name} {dose} {Pick(frequencies)}");
            }

            if (drug.Unit == "milligrams")
            {
                // The dose as an adjective, "the twenty milligram tablet", is singular when spoken.
                var strength = SpokenNumbers.Decimal(Pick(drug.Doses)) + " milligram";
                lines.Add(Pick<string>(
                [
                    $"the {drug.Name} comes as a {strength} tablet", $"take one {strength} tablet of {drug.Name} {Pick(frequencies)}",
                    $"I have the {strength} {drug.Name} pills at home", $"we'll switch you to the {strength} {Pick(["tablets", "capsules", "dose"])}",
                    $"cut the {strength} tablets in half", $"I take the {strength} {Pick(["tablet", "pill", "capsule"])} of {drug.Name}",
                ]));
            }

            lines.Add($"are you still taking the {drug.Name}");
            lines.Add($"any side effects since you started the {drug.Name}");
        }

        // The lines after the drugs' are drawn from a sequence of their own, so they stay the same when the drug list grows.
        random = new Random(8);
        string[] pressureLeads = ["your blood pressure is", "blood pressure today is", "the blood pressure was", "your pressure is", "my blood pressure was", "blood pressure is running"];
        // Enough readings that every systolic and diastolic value is said a few times: with fewer, which readings the draw
        // happened to hold swayed which ones were heard.
        for (var i = 0; i < 360; i++)
        {
            lines.Add($"{Pick(pressureLeads)} {SpokenNumbers.Reading(random.Next(100, 186))} over {SpokenNumbers.Words(random.Next(58, 112))}");
        }

        for (var i = 0; i < 150; i++)
        {
            lines.Add($"{Pick(["your heart rate is", "your pulse is", "pulse is", "the heart rate was", "heart rate"])} {SpokenNumbers.Reading(random.Next(48, 131))}");
            lines.Add($"{Pick(["your oxygen saturation is", "oxygen is", "your oxygen level is", "saturation is", "oxygen saturation"])} " +
                $"{SpokenNumbers.Words(random.Next(86, 101))} percent{Pick(["", " on room air", " on two liters"])}");
            lines.Add($"{Pick(["your temperature is", "temperature is", "the temperature was", "temperature"])} " +
                $"{Pick(["ninety seven", "ninety eight", "ninety nine", "one hundred", "one hundred and one", "one oh two"])} point {SpokenNumbers.Words(random.Next(0, 10))}");
            lines.Add($"{Pick(["your weight is", "you weigh", "weight today is"])} {SpokenNumbers.Words(random.Next(20, 280))} pounds");
            lines.Add($"{Pick(["respiratory rate is", "she is breathing", "respirations are"])} {SpokenNumbers.Words(random.Next(12, 41))}{Pick(["", " a minute", " breaths per minute"])}");
        }

        string[] symptoms =
        [
            "chest pain", "shortness of breath", "a headache", "back pain", "abdominal pain", "nausea", "vomiting", "diarrhea",
            "a cough", "a fever", "dizziness", "palpitations", "leg swelling", "fatigue", "joint pain", "a rash", "sweating",
            "numbness in my hands", "blurry vision", "chest tightness", "wheezing", "ear pain", "a sore throat", "burning when I pee",
            "trouble sleeping", "low mood", "constipation", "heartburn", "weight loss", "night sweats",
        ];
        string[] durations = ["for two days", "for about a week", "since yesterday", "for a few hours", "for three weeks", "on and off for a month", "since last night", "for about four days"];
        foreach (var symptom in symptoms)
        {
            var bare = symptom.StartsWith("a ", StringComparison.Ordinal) ? symptom[2..] : symptom;
            for (var i = 0; i < 3; i++)
            {
                lines.Add($"{Pick(["I have had", "I have been having", "she has had", "he has been having", "I've had"])} {symptom} {Pick(durations)}");
            }

            lines.Add($"{Pick(["any", "have you had any", "do you get any", "is there any"])} {bare}");
            lines.Add($"does the {bare} get worse with activity");
            lines.Add($"{Pick(["I don't have any", "she denies any", "he denies any", "there's been no"])} {bare}");
        }

        string[] conditions =
        [
            "diabetes", "high blood pressure", "hypertension", "high cholesterol", "asthma", "heart disease", "kidney disease", "a stroke",
            "heart failure", "atrial fibrillation", "depression", "anxiety", "COPD", "cancer", "thyroid disease", "a heart attack",
        ];
        foreach (var condition in conditions)
        {
            lines.Add($"do you have a history of {condition}");
            lines.Add($"is there any family history of {condition}");
            lines.Add($"{Pick(["my mother has", "my father had", "my brother has", "I have", "my sister has"])} {condition}");
        }

        string[] tests =
        [
            "a complete blood count", "a basic metabolic panel", "a comprehensive metabolic panel", "a lipid panel", "a hemoglobin A one C",
            "a urine test", "a urinalysis", "a urine culture", "a chest x ray", "an electrocardiogram", "an EKG", "a stress test",
            "an echocardiogram", "a thyroid test", "kidney function tests", "an MRI of the lower back", "a CT scan", "an ultrasound",
        ];
        foreach (var test in tests)
        {
            lines.Add($"{Pick(["I am ordering", "we will get", "let us check", "I would like to order", "we'll draw"])} {test}");
        }

        foreach (var specialty in new[] { "cardiology", "a cardiologist", "neurology", "physical therapy", "dermatology", "endocrinology", "the pulmonologist", "orthopedics", "psychiatry", "a counselor" })
        {
            lines.Add($"{Pick(["I am referring you to", "I will send a referral to", "you should see", "I'd like you to see"])} {specialty}");
        }

        foreach (var interval in new[] { "two weeks", "four weeks", "three months", "six months", "one week", "a month", "two to three days" })
        {
            lines.Add($"{Pick(["come back in", "follow up in", "I want to see you again in", "let's recheck in"])} {interval}");
        }

        // The visit booked at the end, every way it is said with every usual wait: with one frame an interval, "come see me in a
        // month" was heard as "calm c three and I'm honest", "I'll see you in a month" as "I'll see you when I'm on it".
        string[] visitFrames =
        [
            "I'll see you in", "I'll see you back in", "come see me in", "check in with me in", "let's see you in", "I want to see you back in",
            "we'll see you in", "and a visit in", "come back in", "follow up in", "I'll see you again in", "schedule a follow up in",
        ];
        string[] waits =
        [
            "a week", "one week", "two weeks", "three weeks", "four weeks", "six weeks", "eight weeks", "a month", "one month", "two months",
            "three months", "six months", "a year", "a few days", "two to three days", "three days",
        ];
        foreach (var frame in visitFrames)
        {
            foreach (var wait in waits)
            {
                lines.Add($"{frame} {wait}");
            }
        }

        return lines.Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// Lines that say each spoken name of the extraction lexicons in a few typical frames, so that the
    /// recogniser can hear whatever the extractor knows ("let's check your creatinine", "any history of
    /// otitis media"). The folder is optional: an operator's own speech data may leave it out.
    /// </summary>
    private static IEnumerable<string> LexiconLines(string folder)
    {
        var random = new Random(11);
        var lines = new HashSet<string>();
        void Say(string file, int times, string[] frames, Func<string[], IEnumerable<string>>? names = null)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                return;
            }

            foreach (var name in SpokenNames(path, names ?? (columns => columns[^1].Split('|'))))
            {
                for (var i = 0; i < times; i++)
                {
                    lines.Add(string.Format(CultureInfo.InvariantCulture, frames[random.Next(frames.Length)], name));
                }
            }
        }

        // Every drug by its generic name, so a drug the templated dose lines never say is still a word the recogniser
        // knows; and its other names (brands) once each, but only long ones: short ones ("breo", "uloric") made the recogniser
        // hear drugs in everyday words ("under your tongue" as "on breo").
        string[] drugFrames =
        [
            "are you still taking {0}", "I take {0} every morning", "we will start {0}", "let's stop the {0}", "how is the {0} working",
            "I ran out of my {0}", "any side effects on the {0} so far", "she is on {0} for that", "the pharmacy gave me {0}", "I'd like you to try {0}",
        ];
        Say("drugs.tsv", 2, drugFrames, columns => [columns[0]]);
        Say("drugs.tsv", 1, drugFrames, columns => columns.Length < 2 ? [] : columns[1].Split('|').Where(LongBrand));
        Say("problems.tsv", 2,
        [
            "do you have a history of {0}", "this looks like {0}", "I think you have {0}", "how has your {0} been",
            "we are treating your {0}", "my mother had {0}", "I was diagnosed with {0}", "it is most likely {0}",
            "your {0} is well controlled", "the {0} is getting worse",
        ]);
        // (Tests are ordered in lists, and with a time to repeat them.)
        Say("orders.tsv", 3,
        [
            "let's check your {0}", "I'm going to order the {0}", "your {0} came back normal", "we'll get the {0} today",
            "the {0} showed nothing worrying", "did you have the {0} done", "I'd like to repeat the {0}", "we'll start the {0}",
            "we'll recheck your {0} in six weeks", "and a {0} in three months", "I'm also ordering a {0} and", "we will repeat the {0} and",
        ]);
        Say("findings.tsv", 2,
        [
            "any {0}", "I have had {0} for a few days", "there has been no {0}", "she denies {0}", "is there any {0}",
            "I've been having {0}", "the {0} started last week", "he has some {0}",
        ]);
        Say("allergens.tsv", 2, ["I'm allergic to {0}", "any allergy to {0}", "I get a rash with {0}", "she reacts to {0}"]);
        Say("specialties.tsv", 1, ["I'm referring you to {0}", "you should see {0}", "I'll send a referral to {0}"]);
        return lines.Order(StringComparer.Ordinal);
    }

    /// <summary>The names <paramref name="names"/> picks from each line's tab-separated columns, with digits said ("chem 7" is "chem seven", "a1c" "a one c").</summary>
    private static IEnumerable<string> SpokenNames(string path, Func<string[], IEnumerable<string>> names) =>
        File.ReadLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .SelectMany(l => names(l.Split('\t')).Select(n => n.Trim()).Where(n => n.Length > 0))
            .Select(name => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(MedScribe.Clinical.Text.Tokens.Said)))
            .Distinct(StringComparer.Ordinal);

    /// <summary>A brand long enough not to hide in everyday words: one word of seven letters or more ("synthroid", "xarelto").</summary>
    private static bool LongBrand(string name) => !name.Contains(' ', StringComparison.Ordinal) && name.Count(char.IsLetter) >= 7 && name.All(c => char.IsLetter(c));

    [GeneratedRegex(@"[^a-z0-9' ]+")]
    private static partial Regex NotWord();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
