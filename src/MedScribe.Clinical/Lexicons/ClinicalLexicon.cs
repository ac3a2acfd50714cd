using System.Reflection;
using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Lexicons;

/// <summary>A drug by its generic name (lower case).</summary>
public sealed record Drug(string Generic);

/// <summary>
/// A diagnosis with its ICD-10-CM code; said of both sides where the code has no bilateral form ("osteoarthritis of both
/// hands"), the right side's code with the left's beside it (<paramref name="OtherSide"/>), each a problem of its own.
/// </summary>
public sealed record ProblemEntry(string Code, string Display, ProblemEntry? OtherSide = null);

/// <summary>
/// A refinement of a problem code by a cue said with it ("not well controlled" makes E11.9 E11.65); to two codes when both
/// sides are said and the category codes each side alone (<paramref name="OtherSide"/>, the left).
/// </summary>
public sealed record ProblemRefinement(string BaseCode, string[][] Cues, string Code, string Display, ProblemEntry? OtherSide = null);

/// <summary>An orderable: lab, imaging, procedure or other, with its CPT code when the price table has one.</summary>
public sealed record OrderEntry(string Type, string Name, string? Cpt);

/// <summary>A lab result read as abnormal in one direction, coded as a problem (in pregnancy by <see cref="InPregnancy"/>).</summary>
/// <summary>A lab result read as abnormal, coded as a problem unless a diagnosis whose code opens with one of <paramref name="ExplainedBy"/> accounts for it.</summary>
public sealed record AbnormalResult(string Order, string Direction, ProblemEntry Problem, ProblemEntry? InPregnancy, IReadOnlyList<string> ExplainedBy);

/// <summary>A symptom or examination finding by its canonical name.</summary>
public sealed record Finding(string Name);

/// <summary>
/// The extractor's vocabulary, read from the TSV files in <c>data/clinical/</c> embedded in this assembly
/// (and the CPT codes of <c>data/test-prices.csv</c>). Loaded once; immutable; safe to share.
/// </summary>
public sealed class ClinicalLexicon
{
    /// <summary>The second word of a drug named with its salt or form ("potassium chloride", "metoprolol succinate"), not a drug's.</summary>
    private static readonly HashSet<string> Salts =
    [
        "chloride", "carbonate", "citrate", "gluconate", "sulfate", "oxide", "succinate", "tartrate", "phosphate", "acid", "mononitrate", "ethyl",
        "sulfide", "fluoride", "v", "tears", "vitamin", "contraceptive", "glycol", "palmetto", "peroxide", "tar", "estrogens", "subsalicylate",
    ];

    private static readonly Lazy<ClinicalLexicon> Shared = new(Load);

    public static ClinicalLexicon Default => Shared.Value;

    public PhraseMatcher<Drug> Drugs { get; } = new(sayDigits: false);

    /// <summary>Every way a drug is written in the lexicon (generic and other names), for matching by sound.</summary>
    public IReadOnlyList<(string Spelling, Drug Drug)> DrugSpellings { get; private set; } = [];
    public IReadOnlySet<string> DrugNames { get; private set; } = new HashSet<string>();

    /// <summary>Usual strengths by drug, for the drugs the speech corpus's drug list names (<c>data/speech/corpus-drugs.txt</c>).</summary>
    public IReadOnlyDictionary<Drug, UsualDoses> UsualDoses { get; private set; } = new Dictionary<Drug, UsualDoses>();
    public PhraseMatcher<ProblemEntry> Problems { get; } = new(Sides);

    /// <summary>The side said inside a problem's name ("osteoarthritis of the right knee"), which refines its code and not its name.</summary>
    private static readonly HashSet<string> Sides = ["right", "left", "bilateral"];

    /// <summary>Every spoken name of a problem with the problem, for matching by sound.</summary>
    public IReadOnlyList<(string Spelling, ProblemEntry Problem)> ProblemSpellings { get; private set; } = [];
    public IReadOnlyList<ProblemRefinement> Refinements { get; private set; } = [];

    private ILookup<string, ProblemRefinement> _refinementsOf = Array.Empty<ProblemRefinement>().ToLookup(r => r.BaseCode);

    /// <summary>The refinements of <paramref name="code"/>, in the order they apply.</summary>
    public IEnumerable<ProblemRefinement> RefinementsOf(string code) => _refinementsOf[code];

    /// <summary>ICD-10-CM itself: every billable code with its official description.</summary>
    public Icd10Cm Codes { get; private set; } = Icd10Cm.Parse([]);
    /// <summary>Orderables; a side said inside the name ("an MRI of the right shoulder") is skipped, and the extractor adds it.</summary>
    public PhraseMatcher<OrderEntry> Orders { get; } = new(Sides);

    /// <summary>Every name an orderable is said by (its name first), as the lexicon writes it.</summary>
    public IReadOnlyList<(string Spelling, OrderEntry Order)> OrderSpellings { get; private set; } = [];
    public PhraseMatcher<string> Specialties { get; } = new();

    /// <summary>Every name a specialty is said by, with the specialty.</summary>
    public IReadOnlyList<(string Spelling, string Specialty)> SpecialtySpellings { get; private set; } = [];
    public PhraseMatcher<Finding> Findings { get; } = new();
    public IReadOnlyList<AbnormalResult> AbnormalResults { get; private set; } = [];

    /// <summary>
    /// A level named by what it measures ("your potassium is high" of the potassium level): the lab orders named "… level",
    /// by the words before "level", where those words are no order's name of their own. Read for results, never as an order.
    /// </summary>
    public PhraseMatcher<OrderEntry> Analytes { get; } = new();

    /// <summary>Allergens: the drugs, plus classes and non-drug allergens (sulfa, latex, peanuts, …).</summary>
    public PhraseMatcher<string> Allergens { get; } = new(sayDigits: false);

    /// <summary>The allergens that are not single drugs (classes, foods, latex, …) by each spoken name, with the canonical name.</summary>
    public IReadOnlyList<(string Spelling, string Allergen)> AllergenSpellings { get; private set; } = [];

    private static ClinicalLexicon Load()
    {
        var lexicon = new ClinicalLexicon();
        // CPT codes by the price table's lower-case test name (first row wins where names repeat).
        var cpt = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in ReadLines("test-prices.csv").Skip(1))
        {
            var cells = CsvRow.Split(row);
            if (cells.Count >= 2 && cells[1].Length > 0)
            {
                cpt.TryAdd(cells[0].Trim().ToLowerInvariant(), cells[1].Trim());
            }
        }

        var drugNames = new HashSet<string>(StringComparer.Ordinal);
        var spellings = new List<(string, Drug)>();
        foreach (var cells in ReadTable("drugs.tsv"))
        {
            var drug = new Drug(cells[0]);
            drugNames.Add(cells[0]);
            lexicon.Drugs.Add(cells[0], drug);
            lexicon.Allergens.Add(cells[0], cells[0]);
            spellings.Add((cells[0], drug));
            foreach (var other in Alternatives(cells, 1))
            {
                lexicon.Drugs.Add(other, drug);
                lexicon.Allergens.Add(other, cells[0]);
                spellings.Add((other, drug));
                // "norgestimate and ethinyl estradiol" is also said "ethinyl estradiol and norgestimate".
                if (other.Split(" and ") is [var first, var second])
                {
                    lexicon.Drugs.Add($"{second} and {first}", drug);
                }
            }
        }

        // "Amoxicillin with clavulanate", "sacubitril and valsartan": a combination said by its parts. "And" only where a part is no
        // drug of its own ("lisinopril and hydrochlorothiazide" may be two pills); never a drug and its salt ("potassium and chloride").
        var said = spellings.Select(s => s.Item1).ToHashSet(StringComparer.Ordinal);
        foreach (var generic in drugNames.ToList())
        {
            if (generic.Split(' ') is [var first, var second] && (said.Contains(first) || said.Contains(second)) && !Salts.Contains(first) && !Salts.Contains(second) && first != "insulin")
            {
                var drug = new Drug(generic);
                lexicon.Drugs.Add($"{first} with {second}", drug);
                if (!(said.Contains(first) && said.Contains(second)))
                {
                    lexicon.Drugs.Add($"{first} and {second}", drug);
                }
            }
        }

        lexicon.DrugNames = drugNames;
        lexicon.DrugSpellings = spellings;
        // The list names a drug by any of its spellings ("vitamin d"); one it does not know is left out.
        var bySpelling = spellings.GroupBy(s => s.Item1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Item2, StringComparer.Ordinal);
        lexicon.UsualDoses = Lexicons.UsualDoses.Parse(ReadLines("corpus-drugs.txt"))
            .Where(d => bySpelling.ContainsKey(d.Name))
            .GroupBy(d => bySpelling[d.Name])
            .ToDictionary(g => g.Key, g => g.First() with { OtherUnits = g.Skip(1).ToList() });
        var problemSpellings = new List<(string, ProblemEntry)>();
        foreach (var cells in ReadTable("problems.tsv"))
        {
            var entry = new ProblemEntry(cells[0], cells[1]);
            foreach (var name in Alternatives(cells, 2))
            {
                lexicon.Problems.Add(name, entry);
                problemSpellings.Add((name, entry));
            }
        }

        lexicon.ProblemSpellings = problemSpellings;

        // The diagnoses the curated list does not name, by the names ICD-10-CM's descriptions give: a name the list says for
        // any code is the list's; a code the list has takes the name as one more spelling of its entry.
        lexicon.Codes = Icd10Cm.Parse(ReadLines("icd10cm.tsv"));
        var curatedNames = problemSpellings.Select(p => string.Join(' ', Text.Tokens.Words(p.Item1))).ToHashSet(StringComparer.Ordinal);
        var curatedCodes = problemSpellings.Select(p => p.Item2).DistinctBy(e => e.Code).ToDictionary(e => e.Code, StringComparer.Ordinal);
        foreach (var (name, code) in lexicon.Codes.SpokenNames())
        {
            if (!curatedNames.Contains(string.Join(' ', Text.Tokens.Words(name))))
            {
                lexicon.Problems.Add(name, curatedCodes.GetValueOrDefault(code) ?? new ProblemEntry(code, lexicon.Codes.Describe(code)!));
            }
        }

        // The curated refinements first (they apply in file order), then the sides the code set distinguishes.
        lexicon.Refinements = ReadTable("problem-refinements.tsv")
            .Select(c => new ProblemRefinement(c[0], c[1].Split('|').Select(Text.Tokens.Words).ToArray(), c[2], c[3]))
            .Concat(lexicon.Codes.SideRefinements()).ToList();
        lexicon._refinementsOf = lexicon.Refinements.ToLookup(r => r.BaseCode, StringComparer.Ordinal);
        var orderSpellings = new List<(string, OrderEntry)>();
        foreach (var cells in ReadTable("orders.tsv"))
        {
            var code = cells[2] != "-" && cpt.TryGetValue(cells[2], out var c) ? c : null;
            var entry = new OrderEntry(cells[0], cells[1], code);
            // "hepatitis A shots", "sleep studies": a name said in the plural is the same orderable.
            foreach (var name in Alternatives(cells, 3).Prepend(cells[1]))
            {
                lexicon.Orders.Add(name, entry);
                orderSpellings.Add((name, entry));
                if (!name.EndsWith('s'))
                {
                    lexicon.Orders.Add(name.EndsWith('y') && name.Length > 2 && !"aeiou".Contains(name[^2]) ? name[..^1] + "ies" : name + "s", entry);
                }
            }
        }

        lexicon.OrderSpellings = orderSpellings;
        foreach (var (spelling, entry) in orderSpellings.Where(o => o.Item2.Type == "lab" && o.Item1.EndsWith(" level", StringComparison.Ordinal)))
        {
            var analyte = spelling[..^" level".Length];
            if (lexicon.Orders.FindAll(Text.Tokens.Words(analyte)).Count == 0)
            {
                lexicon.Analytes.Add(analyte, entry);
            }
        }

        // "A lamotrigine level", "Keppra levels": a drug's blood level is a lab, named by its generic, unless the drug's name is
        // itself a test's ("potassium", "vitamin d") or the level is listed above.
        foreach (var (spelling, drug) in spellings)
        {
            var level = spelling + " level";
            if (lexicon.Orders.FindAll(Text.Tokens.Words(spelling)).Count == 0 && lexicon.Orders.FindAll(Text.Tokens.Words(level)).Count == 0)
            {
                var entry = new OrderEntry("lab", drug.Generic + " level", cpt.GetValueOrDefault(drug.Generic) ?? cpt.GetValueOrDefault(drug.Generic + " level"));
                lexicon.Orders.Add(level, entry);
                lexicon.Orders.Add(level + "s", entry);
            }
        }
        lexicon.AbnormalResults = ReadTable("abnormal-results.tsv")
            .Select(c => new AbnormalResult(c[0], c[1], new ProblemEntry(c[2], c[3]), c[4] == "-" ? null : new ProblemEntry(c[4], c[5]),
                c.Length > 6 && c[6] != "-" ? c[6].Split('|') : [])).ToList();
        var specialtySpellings = new List<(string, string)>();
        foreach (var cells in ReadTable("specialties.tsv"))
        {
            foreach (var name in Alternatives(cells, 1).Append(cells[0]))
            {
                lexicon.Specialties.Add(name, cells[0]);
                specialtySpellings.Add((name, cells[0]));
            }
        }

        lexicon.SpecialtySpellings = specialtySpellings;

        var allergenSpellings = new List<(string, string)>();
        foreach (var cells in ReadTable("allergens.tsv"))
        {
            foreach (var name in Alternatives(cells, 1).Append(cells[0]))
            {
                lexicon.Allergens.Add(name, cells[0]);
                allergenSpellings.Add((name, cells[0]));
            }
        }

        lexicon.AllergenSpellings = allergenSpellings;

        foreach (var cells in ReadTable("findings.tsv"))
        {
            var finding = new Finding(cells[0]);
            foreach (var name in Alternatives(cells, 1).Append(cells[0]))
            {
                lexicon.Findings.Add(name, finding);
            }
        }

        return lexicon;
    }

    private static IEnumerable<string> Alternatives(string[] cells, int column) =>
        cells.Length > column ? cells[column].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    private static IEnumerable<string[]> ReadTable(string name) =>
        ReadLines(name).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'));

    private static IEnumerable<string> ReadLines(string name) => EmbeddedText.ReadLines(Assembly.GetExecutingAssembly(), "clinical/" + name);
}
