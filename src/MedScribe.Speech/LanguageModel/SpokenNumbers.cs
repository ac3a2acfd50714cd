using System.Globalization;

namespace MedScribe.Speech.LanguageModel;

/// <summary>Numbers as a clinician says them: "eighty one", "one fifty two", "two point five".</summary>
public static class SpokenNumbers
{
    /// <summary>A whole number in words: 850 is "eight hundred fifty", 1000 "one thousand".</summary>
    public static string Words(int n) => MedScribe.Clinical.Text.NumberWords.Spoken(n);

    /// <summary>The way readings from 100 to 199 are usually said: 152 is "one fifty two", 108 "one oh eight".</summary>
    public static string Reading(int n) => n switch
    {
        >= 110 and < 200 => "one " + Words(n % 100),
        >= 101 and < 110 => "one oh " + Words(n % 100),
        _ => Words(n),
    };

    /// <summary>A decimal such as 2.5 as "two point five", 0.125 as "point one two five".</summary>
    public static string Decimal(string value)
    {
        var parts = value.Split('.');
        var whole = int.Parse(parts[0], CultureInfo.InvariantCulture);
        if (parts.Length == 1)
        {
            return Words(whole);
        }

        var digits = string.Join(' ', parts[1].Select(d => Words(d - '0')));
        return (whole == 0 ? "" : Words(whole) + " ") + "point " + digits;
    }
}
