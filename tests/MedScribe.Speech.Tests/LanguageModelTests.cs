using System.Globalization;
using MedScribe.Speech.LanguageModel;
using MedScribe.Speech.PocketSphinx;

namespace MedScribe.Speech.Tests;

public sealed class LanguageModelTests
{
    [Theory]
    [InlineData(0, "zero")]
    [InlineData(81, "eighty one")]
    [InlineData(850, "eight hundred fifty")]
    [InlineData(1000, "one thousand")]
    [InlineData(2500, "two thousand five hundred")]
    public void Whole_numbers_are_spelled(int n, string words) => Assert.Equal(words, SpokenNumbers.Words(n));

    [Theory]
    [InlineData(152, "one fifty two")]
    [InlineData(108, "one oh eight")]
    [InlineData(94, "ninety four")]
    [InlineData(100, "one hundred")]
    public void Readings_are_said_the_clinical_way(int n, string words) => Assert.Equal(words, SpokenNumbers.Reading(n));

    [Theory]
    [InlineData("2.5", "two point five")]
    [InlineData("0.125", "point one two five")]
    [InlineData("40", "forty")]
    public void Decimals_are_spelled(string value, string words) => Assert.Equal(words, SpokenNumbers.Decimal(value));

    [Fact]
    public void The_arpa_model_is_well_formed_and_its_unigrams_sum_to_one()
    {
        var arpa = KneserNeyTrigram.BuildArpa(["take aspirin once a day", "take lisinopril once a day", "take aspirin twice a day", "your blood pressure is high"]);
        var lines = arpa.Split('\n');
        int Declared(int order) => int.Parse(lines.Single(l => l.StartsWith($"ngram {order}=", StringComparison.Ordinal))[8..], CultureInfo.InvariantCulture);
        IEnumerable<string[]> Section(int order) => lines
            .SkipWhile(l => l != $"\\{order}-grams:").Skip(1).TakeWhile(l => l.Length > 0).Select(l => l.Split('\t'));

        for (var order = 1; order <= 3; order++)
        {
            Assert.Equal(Declared(order), Section(order).Count());
            Assert.All(Section(order), fields => Assert.Equal(order, fields[1].Split(' ').Length));
        }

        var unigramMass = Section(1).Where(f => f[1] != "<s>").Sum(f => Math.Pow(10, double.Parse(f[0], CultureInfo.InvariantCulture)));
        Assert.Equal(1.0, unigramMass, 3);
        Assert.Contains(Section(3), f => f[1] == "take aspirin once");
        Assert.EndsWith("\\end\\\n", arpa);
    }

    [Fact]
    public void Every_context_of_the_arpa_model_gives_its_words_a_probability_mass_of_one()
    {
        // Explicit n-grams plus the backed-off rest must sum to one for every bigram and trigram context.
        var arpa = KneserNeyTrigram.BuildArpa(ClinicalCorpus.Sentences(MedicalSpeechModel.DefaultDataDirectory).Take(400));
        var lines = arpa.Split('\n');
        Dictionary<string, (double P, double Backoff)> Section(int order) => lines
            .SkipWhile(l => l != $"\\{order}-grams:").Skip(1).TakeWhile(l => l.Length > 0).Select(l => l.Split('\t'))
            .ToDictionary(f => f[1], f => (Math.Pow(10, double.Parse(f[0], CultureInfo.InvariantCulture)),
                f.Length > 2 ? Math.Pow(10, double.Parse(f[2], CultureInfo.InvariantCulture)) : 1.0));
        var (unigrams, bigrams, trigrams) = (Section(1), Section(2), Section(3));
        var words = unigrams.Keys.Where(w => w != "<s>").ToList();

        double Bigram(string v, string w) => bigrams.TryGetValue($"{v} {w}", out var b) ? b.P : unigrams[v].Backoff * unigrams[w].P;
        double Trigram(string u, string v, string w) => trigrams.TryGetValue($"{u} {v} {w}", out var t)
            ? t.P
            : (bigrams.TryGetValue($"{u} {v}", out var b) ? b.Backoff : 1.0) * Bigram(v, w);

        foreach (var v in bigrams.Keys.Select(k => k.Split(' ')[0]).Distinct().Take(150))
        {
            Assert.Equal(1.0, words.Sum(w => Bigram(v, w)), 3);
        }

        foreach (var context in trigrams.Keys.Select(k => k[..k.LastIndexOf(' ')]).Distinct().Take(150))
        {
            var (u, v) = (context.Split(' ')[0], context.Split(' ')[1]);
            Assert.Equal(1.0, words.Sum(w => Trigram(u, v, w)), 3);
        }
    }

    [Fact]
    public void The_modified_kneser_ney_discounts_follow_the_counts_of_counts()
    {
        // n1..n4 = 40, 20, 10, 5: Y = 40 / 80 = 0.5; D1 = 1 - 2 * 0.5 * 20/40 = 0.5;
        // D2 = 2 - 3 * 0.5 * 10/20 = 1.25; D3+ = 3 - 4 * 0.5 * 5/10 = 2.
        int[] counts = [.. Enumerable.Repeat(1, 40), .. Enumerable.Repeat(2, 20), .. Enumerable.Repeat(3, 10), .. Enumerable.Repeat(4, 5), 9, 12];
        var d = KneserNeyTrigram.Discounts.Of(counts);
        Assert.Equal(0.5, d.One, 6);
        Assert.Equal(1.25, d.Two, 6);
        Assert.Equal(2.0, d.ThreeOrMore, 6);
        Assert.Equal(2.0, d.For(12), 6);
        Assert.Equal(0, d.For(0));

        // A tiny corpus without counts of three or four falls back on the single discount, below each count.
        var sparse = KneserNeyTrigram.Discounts.Of([1, 1, 1, 2]);
        Assert.Equal(0.6, sparse.Two, 6);
        Assert.Equal(0.6, sparse.ThreeOrMore, 6);
        Assert.InRange(sparse.One, 0.05, 0.95);
    }

    [Fact]
    public void Every_spoken_name_of_the_extraction_lexicons_is_said_in_the_corpus()
    {
        var data = MedicalSpeechModel.DefaultDataDirectory;
        var sentences = ClinicalCorpus.Sentences(data);
        var corpus = " " + string.Join(" | ", sentences) + " ";
        var names = new[] { "problems", "orders", "findings", "allergens", "specialties" }
            .SelectMany(f => File.ReadLines(Path.Combine(data, "clinical", f + ".tsv")))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .SelectMany(l => l.Split('\t')[^1].Split('|'))
            .Select(ClinicalCorpus.Normalize)
            .Where(n => n.Length > 0 && !n.Any(char.IsDigit))
            .Distinct()
            .ToList();
        Assert.True(names.Count > 700, $"{names.Count} names");
        var unsaid = names.Where(n => !corpus.Contains($" {n} ", StringComparison.Ordinal)).ToList();
        Assert.True(unsaid.Count == 0, "Not in the corpus: " + string.Join(", ", unsaid));

        // Names with digits are said: "chem 7", "hba1c", "vitamin b12 level".
        Assert.Contains(" chem seven ", corpus);
        Assert.Contains(" h b a one c ", corpus);
        Assert.Contains(" vitamin b twelve level ", corpus);
        Assert.DoesNotContain(sentences, s => s.Any(char.IsDigit));
    }

    [Fact]
    public void The_visit_booked_at_the_end_is_said_with_every_usual_wait()
    {
        var corpus = " " + string.Join(" | ", ClinicalCorpus.Sentences(MedicalSpeechModel.DefaultDataDirectory)) + " ";
        Assert.Contains(" come see me in a month ", corpus);
        Assert.Contains(" i'll see you in a month ", corpus);
        Assert.Contains(" check in with me in six weeks ", corpus);
    }

    [Fact]
    public void Every_generic_drug_and_every_long_brand_is_said_in_the_corpus_and_short_brands_are_not()
    {
        var data = MedicalSpeechModel.DefaultDataDirectory;
        var corpus = " " + string.Join(" | ", ClinicalCorpus.Sentences(data)) + " ";
        var drugs = File.ReadLines(Path.Combine(data, "clinical", "drugs.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        var unsaid = drugs.Select(d => ClinicalCorpus.Normalize(d[0])).Where(n => !n.Any(char.IsDigit) && !corpus.Contains($" {n} ", StringComparison.Ordinal)).ToList();
        Assert.True(unsaid.Count == 0, "Generic names not in the corpus: " + string.Join(", ", unsaid));

        // Brand names of seven letters or more are words the recogniser can hear ("synthroid", "xarelto", "eliquis"); short
        // ones are left out, since everyday words hide them ("on breo" for "under your tongue").
        Assert.Contains(" synthroid ", corpus);
        Assert.Contains(" xarelto ", corpus);
        Assert.Contains(" eliquis ", corpus);
        Assert.DoesNotContain(" breo ", corpus);
        Assert.DoesNotContain(" uloric ", corpus);
    }

    [Fact]
    public void The_corpus_is_normalised_and_disjoint_from_the_test_consults()
    {
        var sentences = ClinicalCorpus.Sentences(MedicalSpeechModel.DefaultDataDirectory);
        Assert.True(sentences.Count > 1500, $"{sentences.Count} sentences");
        Assert.All(sentences, s => Assert.Matches("^[a-z0-9' ]+$", s));
        var consultLines = Directory.GetFiles(MedScribe.Testing.ConsultAudio.ConsultsDirectory, "*.txt")
            .SelectMany(File.ReadLines)
            .Select(l => l.Length > 2 ? l[2..] : l)
            // Whole turns, and each sentence of a turn on its own.
            .SelectMany(l => l.Split(['.', '?', '!']).Append(l))
            .Select(ClinicalCorpus.Normalize)
            .Where(s => s.Length > 0)
            .ToHashSet();
        var overlap = sentences.Where(consultLines.Contains).ToList();
        Assert.True(overlap.Count == 0, "In the corpus and a test consult: " + string.Join(" | ", overlap));
    }

    [Fact]
    public void The_templated_lines_say_a_strength_before_a_noun_in_the_singular()
    {
        var sentences = ClinicalCorpus.Sentences(MedicalSpeechModel.DefaultDataDirectory);
        // "the twenty milligram tablet", not "the twenty milligrams tablet"; and doses still in the plural.
        var adjectival = sentences.Where(s => System.Text.RegularExpressions.Regex.IsMatch(s, " milligram (tablets?|capsules?|pills?|dose|[a-z]+ pills)( |$)")).ToList();
        Assert.True(adjectival.Count >= 50, $"{adjectival.Count} lines");
        Assert.DoesNotContain(sentences, s => s.Contains("milligrams tablet", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.Contains(" milligrams once a day", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_syllable_ing_words_get_their_g_dropped_pronunciation()
    {
        var dictionary = new Dictionary<string, List<string>>
        {
            ["taking"] = ["T EY K IH NG"],
            ["morning"] = ["M AO R N IH NG", "M AO R N IH N"],
            ["thing"] = ["TH IH NG"],
            ["swelling"] = ["S W EH L IH NG"],
            ["sing"] = ["S IH NG"],
        };
        var alternates = Pronunciations.DroppedGAlternates(dictionary, ["taking", "thing", "morning", "swelling", "taking", "walking", "sing"]).ToList();
        Assert.Equal(["morning(3) M AO R N AH N", "swelling(2) S W EH L IH N", "swelling(3) S W EH L AH N", "taking(2) T EY K IH N", "taking(3) T EY K AH N"], alternates);
    }

    [Fact]
    public void The_prepared_dictionary_is_the_general_one_plus_g_dropped_alternates()
    {
        var cache = Directory.CreateTempSubdirectory("medscribe-dictionary-").FullName;
        try
        {
            var model = MedicalSpeechModel.Prepare(MedicalSpeechModel.DefaultDataDirectory, cache, 0.4f, generalVocabulary: 0);
            var general = File.ReadLines(new PocketSphinxModel().Dictionary).Where(l => l.Length > 0).ToList();
            var prepared = File.ReadAllLines(model.Dictionary);
            Assert.StartsWith(cache, model.Dictionary);
            Assert.Equal(general, prepared.Take(general.Count));
            Assert.Contains("taking(2) T EY K IH N", prepared);
            Assert.Contains("taking(3) T EY K AH N", prepared);
            Assert.InRange(prepared.Length - general.Count, 5000, 20000);
            Assert.DoesNotContain(prepared.Skip(general.Count), l => l.StartsWith("thing(", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void The_default_dictionary_keeps_the_general_models_likeliest_words_and_every_corpus_word()
    {
        var cache = Directory.CreateTempSubdirectory("medscribe-dictionary-").FullName;
        try
        {
            var data = MedicalSpeechModel.DefaultDataDirectory;
            var whole = File.ReadAllLines(MedicalSpeechModel.Prepare(data, cache, 0.4f, generalVocabulary: 0).Dictionary);
            var model = MedicalSpeechModel.Prepare(data, cache, 0.4f);
            var limited = File.ReadAllLines(model.Dictionary);
            static string Word(string line) => line.Split(' ', '\t', '(')[0];

            // A subset, line for line, alternates included.
            Assert.Empty(limited.Except(whole));
            Assert.Contains("taking(2) T EY K IH N", limited);
            Assert.Contains(limited, l => l.StartsWith("the ", StringComparison.Ordinal));

            // The likeliest 40,000 general words plus the corpus's: far fewer than the 134,000 words in all.
            var words = limited.Select(Word).ToHashSet();
            var corpusWords = ClinicalCorpus.Sentences(data).SelectMany(s => s.Split(' ')).ToHashSet();
            Assert.InRange(words.Count, MedicalSpeechModel.DefaultGeneralVocabulary, MedicalSpeechModel.DefaultGeneralVocabulary + corpusWords.Count);
            Assert.True(whole.Select(Word).Distinct().Count() > 3 * words.Count);

            // Every corpus word the general dictionary has stays, however rare in general English.
            var general = whole.Select(Word).ToHashSet();
            Assert.DoesNotContain(corpusWords.Where(general.Contains), w => !words.Contains(w));
            Assert.Contains("nebulizer", words);

            // Written once: a second start reads the cached file.
            var written = File.GetLastWriteTimeUtc(model.Dictionary);
            Assert.Equal(model.Dictionary, MedicalSpeechModel.Prepare(data, cache, 0.4f).Dictionary);
            Assert.Equal(written, File.GetLastWriteTimeUtc(model.Dictionary));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Theory]
    [InlineData("lˈɪsɪnˌɑːpɹəl", "L IH S IH N AA P R AH L")]
    [InlineData("mˈɛtfoːɹmˌɪn", "M EH T F AO R M IH N")]
    [InlineData("ˈæspɹɪn", "AE S P R IH N")]
    public void Ipa_maps_to_arpabet(string ipa, string arpabet) => Assert.Equal(arpabet, Pronunciations.FromIpa(ipa));

    [Fact]
    public void The_medical_dictionary_covers_every_corpus_word_the_general_dictionary_lacks()
    {
        var data = MedicalSpeechModel.DefaultDataDirectory;
        var general = Pronunciations.ReadDictionary(new PocketSphinxModel().Dictionary);
        var medical = Pronunciations.ReadDictionary(Path.Combine(data, "medical.dict"));
        var missing = MedicalSpeechModel.MissingWords(data, general);
        Assert.Contains("lisinopril", missing);
        Assert.DoesNotContain(missing, w => !medical.ContainsKey(w));
        Assert.Equal("S IY OW P IY D IY", medical["copd"][0]);
    }

    [Fact]
    public void A_drug_name_checked_by_hand_is_heard_both_as_guessed_and_as_clinicians_say_it()
    {
        var data = MedicalSpeechModel.DefaultDataDirectory;
        var medical = Pronunciations.ReadDictionary(Path.Combine(data, "medical.dict"));
        var checkedByHand = Pronunciations.ReadDictionary(Path.Combine(data, "checked-pronunciations.dict"));
        Assert.True(checkedByHand.Count > 50);
        foreach (var (word, said) in checkedByHand)
        {
            // The guess first, the checked pronunciation as the alternate ('speech-model' writes both).
            Assert.True(medical.TryGetValue(word, out var heard) && heard.Count == 2 && heard[1] == said[0], $"{word}: medical.dict has [{string.Join(", ", heard ?? [])}]");
        }

        Assert.Equal(["K OW D AY N", "K OW D IY N"], medical["codeine"]);
    }
}
