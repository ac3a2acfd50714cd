using System.Globalization;

namespace MedScribe.Speech.LanguageModel;

/// <summary>Numbers as a clinician says them: "eighty one", "one fifty two", "two point five".</summary>
public static class SpokenNumbers
{
    private static readonly string[] Ones =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>A whole number in words: 850 is "eight hundred fifty", 1000 "one thousand".</summary>
    public static string Words(int n) => n switch
    {
        < 0 => "minus " + Words(-n),
        < 20 => Ones[n],
        < 100 => Tens[n / 10] + (n % 10 == 0 ? "" : " " + Ones[n % 10]),
        < 1000 => Ones[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + Words(n % 100)),
        _ => Words(n / 1000) + " thousand" + (n % 1000 == 0 ? "" : " " + Words(n % 1000)),
    };

    /// <summary>The way readings from 100 to 199 are usually said: 152 is "one fifty two", 108 "one oh eight".</summary>
    public static string Reading(int n) => n switch
    {
        >= 110 and < 200 => "one " + Words(n % 100),
        >= 101 and < 110 => "one oh " + Ones[n % 100],
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

        var digits = string.Join(' ', parts[1].Select(d => Ones[d - '0']));
        return (whole == 0 ? "" : Words(whole) + " ") + "point " + digits;
    }
}
