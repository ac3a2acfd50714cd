using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Lexicons;

/// <summary>
/// A drug's usual strengths as the drug list <c>data/speech/corpus-drugs.txt</c> writes them: the name, the amounts as
/// written ("0.4", "25") and their spoken unit ("milligrams" unless the line names one). The speech corpus templates its
/// prescribing sentences from them; the extractor takes a dose that is one of them as evidence for a name heard as other words. A drug
/// said in two units has a line for each.
/// </summary>
public sealed record UsualDoses(string Name, IReadOnlyList<string> Doses, string Unit)
{
    /// <summary>Reads the list: one drug a line, its name, then its amounts, then a unit when it is not milligrams; '#' opens a comment.</summary>
    public static IReadOnlyList<UsualDoses> Parse(IEnumerable<string> lines) =>
        lines.Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l =>
            {
                var tokens = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var firstNumber = Array.FindIndex(tokens, t => char.IsDigit(t[0]));
                if (firstNumber <= 0)
                {
                    throw new FormatException($"A drug list line names a drug and then its doses: '{l}'.");
                }

                var amounts = tokens[firstNumber..].TakeWhile(t => char.IsDigit(t[0])).ToList();
                var unit = tokens.Length > firstNumber + amounts.Count ? string.Join(' ', tokens[(firstNumber + amounts.Count)..]) : "milligrams";
                return new UsualDoses(string.Join(' ', tokens[..firstNumber]), amounts, unit);
            })
            .ToList();

    /// <summary>The drug's strengths in other units, from its other lines ("fluticasone 2 sprays", "fluticasone 44 110 220 micrograms").</summary>
    public IReadOnlyList<UsualDoses> OtherUnits { get; init; } = [];

    /// <summary>Whether <paramref name="dose"/> is one of these strengths, in the same unit ("fifty micrograms" is not 50 mg).</summary>
    public bool Includes(Dose dose) => _unit == dose.Unit && (_amounts.Any(a => Math.Abs(a - dose.Amount) < 1e-9) || Titrated(dose)) || OtherUnits.Any(o => o.Includes(dose));

    /// <summary>An insulin is titrated to any whole number of units up to 150, not taken in set strengths.</summary>
    private bool Titrated(Dose dose) =>
        _unit == "unit" && Name.StartsWith("insulin", StringComparison.Ordinal) && dose.Amount is >= 1 and <= 150 && dose.Amount == Math.Floor(dose.Amount);

    /// <summary>
    /// A bare number said for the drug ("the gabapentin three hundred", "the losartan stays at one hundred") as the usual
    /// strength it names in the drug's first unit, or null when it is none of them.
    /// </summary>
    public Dose? Bare(double amount, int start, int end) =>
        _unit is { } unit && _amounts.Any(a => Math.Abs(a - amount) < 1e-9) ? new Dose(amount, unit, start, end, false) : null;

    /// <summary>
    /// Whether <paramref name="dose"/>, in a unit these strengths are said in, is under a quarter of the least or over four
    /// times the most of them ("7.6 mg" of a drug that comes in 100 and 300): no dose of this drug as said.
    /// </summary>
    public bool FarFrom(Dose dose) =>
        _unit == dose.Unit && _amounts.Length > 0 && (dose.Amount < _amounts.Min() / 4 || dose.Amount > _amounts.Max() * 4)
        || OtherUnits.Any(o => o.FarFrom(dose));

    /// <summary>The usual strengths above <paramref name="low"/> and below <paramref name="high"/> in <paramref name="unit"/>.</summary>
    public IReadOnlyList<double> Between(double low, double high, string unit) =>
        (_unit == unit ? _amounts.Where(a => a > low && a < high) : []).Concat(OtherUnits.SelectMany(o => o.Between(low, high, unit))).ToList();

    /// <summary>The unit as a dose read from speech writes it ("mcg").</summary>
    private readonly string? _unit = Dosing.Doses(Tokens.Words("1 " + Unit), 0, 2) is [var one] ? one.Unit : null;

    private readonly double[] _amounts = Doses.Select(d => double.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
