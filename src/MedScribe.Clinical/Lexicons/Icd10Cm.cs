using System.Text.RegularExpressions;

namespace MedScribe.Clinical.Lexicons;

/// <summary>
/// ICD-10-CM, the code set itself (<c>data/clinical/icd10cm.tsv</c>: every billable code, with its long description but for
/// injuries): a code's
/// official display, whether a code is billable, and the names a clinician says the diagnoses by, read off the descriptions
/// ("Ulcerative colitis, unspecified, without complications" is said "ulcerative colitis"), for the diagnoses the curated
/// problems.tsv does not name.
/// </summary>
public sealed partial class Icd10Cm
{
    /// <summary>Every billable code, with its description (none for an injury, which the file holds by code alone).</summary>
    private readonly Dictionary<string, string?> _descriptions;

    private Icd10Cm(Dictionary<string, string?> descriptions)
    {
        _descriptions = descriptions;
        _headers = new(() => descriptions.Keys.SelectMany(k => Enumerable.Range(3, Math.Max(0, k.Length - 3)).Select(n => k[..n].TrimEnd('.'))).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Reads the code set from its lines (code TAB description, or the code alone; '#' opens a comment).</summary>
    public static Icd10Cm Parse(IEnumerable<string> lines) =>
        new(lines.Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'))
            .ToDictionary(c => c[0], c => c.Length > 1 ? c[1] : null, StringComparer.Ordinal));

    /// <summary>How many billable codes the set holds.</summary>
    public int Count => _descriptions.Count;

    /// <summary>Whether <paramref name="code"/> (dotted, "E11.9") may be billed: a code at its full depth, not a category's header.</summary>
    public bool IsBillable(string code) => _descriptions.ContainsKey(code);

    /// <summary>
    /// Whether <paramref name="code"/> heads codes of the set without being billable itself ("E11", "M48.06"): a code that
    /// needs more characters. A code neither billable nor a header is not in this year's set.
    /// </summary>
    public bool IsHeader(string code) => !IsBillable(code) && _headers.Value.Contains(code);

    /// <summary>Every shorter beginning of a billable code ("E11", "E11."), which heads it.</summary>
    private readonly Lazy<HashSet<string>> _headers;

    /// <summary>The official long description of a billable code, or null.</summary>
    public string? Describe(string code) => _descriptions.GetValueOrDefault(code);

    /// <summary>
    /// The names the diagnoses may be said by, each with its code: one name a description gives (<see cref="SpokenName"/>), for
    /// the chapters of diseases (A to Q but pregnancy and the newborn); not the symptoms (R), injuries and external causes (S to
    /// Y) or the factors of health status (Z), whose descriptions are not how they are said and whose words are everyday
    /// ("stress", "counseling"). A name two codes give is left out, unless one of them is the unspecified code it stands for
    /// when nothing more is said.
    /// </summary>
    public IReadOnlyList<(string Name, string Code)> SpokenNames()
    {
        var byName = new Dictionary<string, List<(string Code, bool Unspecified)>>(StringComparer.Ordinal);
        foreach (var (code, description) in _descriptions)
        {
            if (code[0] is < 'A' or > 'Q' or 'O' or 'P' || description is null || SpokenName(description) is not { } spoken)
            {
                continue;
            }

            if (!byName.TryGetValue(spoken.Name, out var codes))
            {
                byName[spoken.Name] = codes = [];
            }

            codes.Add((code, spoken.Unspecified));
        }

        var names = new List<(string, string)>();
        foreach (var (name, codes) in byName.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            var preferred = codes.Where(c => c.Unspecified).ToList() is { Count: > 0 } unspecified ? unspecified : codes;
            if (preferred.Select(c => c.Code).Distinct().Count() == 1)
            {
                names.Add((name, preferred[0].Code));
                // "Osteoarthritis of knee" is said "osteoarthritis of the knee".
                if (name.Contains(" of ", StringComparison.Ordinal))
                {
                    names.Add((name.Replace(" of ", " of the ", StringComparison.Ordinal), preferred[0].Code));
                }
            }
        }

        return names;
    }

    /// <summary>
    /// The side said with a diagnosis whose code leaves it open ("Carpal tunnel syndrome, unspecified upper limb"), as the
    /// refinement to the sided code of the same category ("…, right upper limb" is G56.01): cued by the side with the site or a
    /// part of it ("right wrist" for an upper limb), "right side" ("on the right", "right-sided"), and for both sides
    /// "bilateral" or "both" with the site in the plural.
    /// </summary>
    public IReadOnlyList<ProblemRefinement> SideRefinements()
    {
        var refinements = new List<ProblemRefinement>();
        var described = _descriptions.Where(d => d.Value is not null).Select(d => (Code: d.Key, Description: d.Value!)).ToList();
        var byDescription = described.GroupBy(d => (Category: d.Code[..3], d.Description)).ToDictionary(g => g.Key, g => g.First().Code);
        foreach (var (code, description) in described)
        {
            if (SidedDescription().Match(description) is not { Success: true, Groups: var open } || open[2].Value != "unspecified")
            {
                continue;
            }

            var (prefix, site) = (open[1].Value, open[3].Value);
            var parts = SiteParts.GetValueOrDefault(site, [site]);
            foreach (var side in (string[])["right", "left", "bilateral"])
            {
                // Both sides are written with the site or without it: "…, bilateral ears", "Benign paroxysmal vertigo, bilateral".
                var display = side == "bilateral" && !byDescription.ContainsKey((code[..3], $"{prefix}, {side} {site}")) ? $"{prefix}, {side}" : $"{prefix}, {side} {site}";
                var cues = side == "bilateral"
                    ? parts.Select(p => new[] { "both", Plural(p) }).Append(["bilateral"]).Append(["both", "sides"])
                    : parts.Select(p => new[] { side, p }).Append([side, "side"]);
                if (byDescription.TryGetValue((code[..3], display), out var sided))
                {
                    refinements.Add(new ProblemRefinement(code, cues.ToArray(), sided, display));
                }
                // "Osteoarthritis of both hands": no bilateral code, so the right hand's and the left hand's (ICD-10-CM I.B.13).
                else if (side == "bilateral" && byDescription.TryGetValue((code[..3], $"{prefix}, right {site}"), out var right)
                    && byDescription.TryGetValue((code[..3], $"{prefix}, left {site}"), out var left))
                {
                    refinements.Add(new ProblemRefinement(code, cues.ToArray(), right, $"{prefix}, right {site}", new ProblemEntry(left, $"{prefix}, left {site}")));
                }
            }
        }

        return refinements;
    }

    /// <summary>The parts of a site a side may be said with: an upper limb is said as the arm, hand, wrist, elbow or shoulder.</summary>
    private static readonly Dictionary<string, string[]> SiteParts = new(StringComparer.Ordinal)
    {
        ["upper limb"] = ["arm", "hand", "wrist", "elbow", "shoulder"],
        ["lower limb"] = ["leg", "foot", "ankle", "knee", "hip"],
        ["upper arm"] = ["arm", "upper arm"],
        ["lower leg"] = ["leg", "lower leg", "shin"],
        ["ankle and foot"] = ["ankle", "foot"],
    };

    private static string Plural(string part) => part switch
    {
        "foot" => "feet",
        _ when part.EndsWith('s') => part,
        _ => part + "s",
    };

    /// <summary>
    /// How a description is said, when it reads as a name: lower case, without its parenthesized words ("essential (primary)
    /// hypertension") and without what says nothing more was specified (", unspecified", "without complications",
    /// ", unspecified knee"), which makes it the code for the name alone (<c>Unspecified</c>). Null when what is left is not a
    /// name a clinician says: more than four words, a list or a qualifier ("other", "with", "due to", "in diseases
    /// classified elsewhere").
    /// </summary>
    public static (string Name, bool Unspecified)? SpokenName(string description)
    {
        var name = Parenthesized().Replace(description.ToLowerInvariant(), " ");
        name = Spaces().Replace(name, " ").Trim();
        var unspecified = false;
        var siteOpen = false;
        if (Unspecified().Match(name) is { Success: true } qualifier)
        {
            name = name[..qualifier.Index].TrimEnd();
            unspecified = true;
            siteOpen = qualifier.Groups["site"].Success;
        }

        var words = name.Split(' ');
        // "Bursitis, unspecified hand" is bursitis of a hand, not every bursitis: a site left open names a diagnosis only when
        // the name says more than one word ("carpal tunnel syndrome, unspecified upper limb").
        if (words.Length is 0 or > 6 || siteOpen && words.Length == 1 || name.Length < 4 || name.IndexOfAny([',', ';', '/', '[', ']', ':']) >= 0
            || words.Any(w => Qualifiers.Contains(w) || !w.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '\'')))
        {
            return null;
        }

        return (name, unspecified);
    }

    /// <summary>Words that make a description a qualified or residual code, not a name said for a diagnosis.</summary>
    private static readonly HashSet<string> Qualifiers =
    [
        "other", "unspecified", "specified", "nos", "nec", "not", "without", "with", "due", "elsewhere", "classified", "following",
        "sequelae", "sequela", "encounter", "status", "history", "unsp", "and", "or", "by", "in",
    ];

    /// <summary>A description that closes on a side and a site: "Carpal tunnel syndrome, right upper limb".</summary>
    [GeneratedRegex(@"^(.+), (unspecified|right|left|bilateral) ([a-z]+(?: [a-z]+)?|[a-z]+ and [a-z]+)$")]
    private static partial Regex SidedDescription();

    [GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial Regex Parenthesized();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>What closes a description whose code stands for the name alone: ", unspecified", ", unspecified knee", "without complications", ", uncomplicated".</summary>
    [GeneratedRegex(@"(?:, unspecified(?: (?!without\b)(?<site>[a-z]+(?: [a-z]+)?))?(?:,? without complications)?|,? without complications|, uncomplicated|, not elsewhere classified)$")]
    private static partial Regex Unspecified();
}
