using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Tests;

public sealed class SpokenTextTests
{
    [Theory]
    [InlineData("eighty one milligrams", 81)]
    [InlineData("five hundred forty", 540)]
    [InlineData("one hundred ten", 110)]
    [InlineData("one thousand", 1000)]
    [InlineData("two hundred and four pounds", 204)]
    [InlineData("one fifty two over", 152)]
    [InlineData("one eighteen over seventy four", 118)]
    [InlineData("one oh eight", 108)]
    [InlineData("ninety eight point six", 98.6)]
    [InlineData("zero point four milligrams", 0.4)]
    [InlineData("point four milligrams", 0.4)]
    [InlineData("point one two five", 0.125)]
    [InlineData("a hundred and two point four", 102.4)]
    [InlineData("one hundred one point eight", 101.8)]
    [InlineData("twenty eight times a minute", 28)]
    [InlineData("81 mg", 81)]
    [InlineData("0.4", 0.4)]
    [InlineData("twenty for milligrams", 24)]
    [InlineData("seventy want over", 71)]
    [InlineData("ninety eight point to", 98.2)]
    [InlineData("ninety seven point to today", 97.2)]
    [InlineData("zero point for milligrams", 0.4)]
    [InlineData("on oh two point on", 102.1)]
    [InlineData("seventy want for your blood pressure", 71)]
    [InlineData("one oh one point won today", 101.1)]
    public void Spoken_numbers_are_read_as_clinicians_say_them(string spoken, double expected)
    {
        Assert.True(NumberWords.TryRead(Tokens.Words(spoken), 0, out var value, out _));
        Assert.Equal(expected, value, 6);
    }

    [Theory]
    [InlineData("D: Once a week, you'll take methotrexate 15 milligrams.", "methotrexate", "once weekly")]
    [InlineData("D: Every morning, take levothyroxine 50 micrograms.", "levothyroxine", "every morning")]
    [InlineData("D: At bedtime, take trazodone 50 milligrams.", "trazodone", "at bedtime")]
    [InlineData("D: We'll do weekly doses of alendronate 70 milligrams.", "alendronate", "once weekly")]
    public void How_often_said_before_the_drug_is_its_frequency(string line, string drug, string frequency)
    {
        var m = Assert.Single(Consult.Facts(line, "P: Okay.").Medications);
        Assert.Equal((drug, frequency), (m.Name, m.Frequency));
    }

    [Fact]
    public void How_often_said_before_two_drugs_is_both_of_theirs_and_each_week_is_weekly()
    {
        var facts = Consult.Facts("D: Each week you'll take methotrexate 15 milligrams and folic acid 5 milligrams.", "P: Okay.");
        Assert.Equal([("methotrexate", "once weekly"), ("folic acid", "once weekly")], facts.Medications.Select(m => (m.Name, m.Frequency)));
    }

    [Fact]
    public void How_often_said_before_a_drug_gives_way_to_what_is_said_of_it_and_is_never_the_last_drugs()
    {
        var cream = Assert.Single(Consult.Facts(
            "D: Use it every day for the weekdays, I'd add calcipotriene cream 0.005 percent. Apply it twice a day Monday through Friday.", "P: Okay.").Medications);
        Assert.Equal("twice daily on weekdays", cream.Frequency);

        var facts = Consult.Facts("D: And the ginkgo", "P: One hundred twenty milligrams once a day then the valganciclovir I take nine hundred milligrams monthly");
        Assert.Equal([("ginkgo", "once daily"), ("valganciclovir", "once monthly")], facts.Medications.Select(m => (m.Name, m.Frequency)));
    }

    [Fact]
    public void Separate_numbers_stay_separate()
    {
        var words = Tokens.Words("two of the two hundred milligram tablets");
        Assert.True(NumberWords.TryRead(words, 0, out var first, out var length));
        Assert.Equal((2.0, 1), (first, length));
        Assert.True(NumberWords.TryRead(Tokens.Words("nine one one"), 0, out var nine, out var nineLength));
        Assert.Equal((9.0, 1), (nine, nineLength));
        Assert.False(NumberWords.TryRead(Tokens.Words("the patient"), 0, out _, out _));
        // A recogniser's "for" or "to" is a digit only where a unit follows: "forty for a week" and "twenty to thirty" are not.
        Assert.True(NumberWords.TryRead(Tokens.Words("forty for a week"), 0, out var forty, out _));
        Assert.Equal(40.0, forty);
        Assert.True(NumberWords.TryRead(Tokens.Words("twenty to thirty milligrams"), 0, out var twenty, out _));
        Assert.Equal(20.0, twenty);
        Assert.True(NumberWords.TryRead(Tokens.Words("one point to the spot"), 0, out var one, out var oneLength));
        Assert.Equal((1.0, 1), (one, oneLength));
        Assert.True(NumberWords.TryRead(Tokens.Words("two point on the chart"), 0, out var two, out var twoLength));
        Assert.Equal((2.0, 1), (two, twoLength));
        Assert.False(NumberWords.TryRead(Tokens.Words("on the chart"), 0, out _, out _));
        Assert.True(NumberWords.TryRead(Tokens.Words("twenty won to forty"), 0, out var twentyWon, out _));
        Assert.Equal(20.0, twentyWon);
    }

    [Theory]
    [InlineData("aspirin, eighty one milligrams by mouth once a day", "81 mg", "once daily", "oral")]
    [InlineData("one hundred ten micrograms, one puff inhaled twice a day", "110 mcg", "twice daily", "inhaled")]
    [InlineData("two puffs inhaled every four hours as needed for wheezing", "2 puffs", "every 4 hours as needed", "inhaled")]
    [InlineData("zero point four milligrams, dissolved under your tongue as needed for chest pain", "0.4 mg", "as needed", "sublingual")]
    [InlineData("five milligrams by mouth at bedtime as needed", "5 mg", "at bedtime as needed", "oral")]
    [InlineData("two hundred milligrams by mouth three times a day as needed", "200 mg", "three times daily as needed", "oral")]
    [InlineData("two of the two hundred milligram tablets, so four hundred milligrams, about three times a day", "400 mg", "three times daily", "oral")]
    [InlineData("twenty milligrams at night", "20 mg", "every night", null)]
    [InlineData("one teaspoon every six to eight hours", "5 ml", "every 6 to 8 hours", null)]
    [InlineData("one tablespoon twice a day", "15 ml", "twice daily", null)]
    [InlineData("five hundred milligrams up to three times a day when needed", "500 mg", "up to 3 times daily as needed", null)]
    [InlineData("ten milligrams twice a day, Monday through Friday", "10 mg", "twice daily on weekdays", null)]
    [InlineData("ten milligrams twice a day only on Saturdays and Sundays", "10 mg", "twice daily on weekends only", null)]
    [InlineData("one milligram every day except Saturday", "1 mg", "once daily except on Saturdays", null)]
    [InlineData("one milligram once a day, except on your injection day", "1 mg", "once daily except on injection day", null)]
    [InlineData("twenty milligrams twice a day for two weeks, then once a day", "20 mg", "twice daily for 2 weeks, then once daily", null)]
    [InlineData("twenty milligrams once a day for a week and then every other day", "20 mg", "once daily for 1 week, then every other day", null)]
    [InlineData("twenty milligrams twice a day for ten days", "20 mg", "twice daily", null)]
    [InlineData("four milligrams every eight hours if you're nauseated", "4 mg", "every 8 hours as needed", null)]
    [InlineData("two puffs every four hours when she's wheezy", "2 puffs", "every 4 hours as needed", "inhaled")]
    [InlineData("forty milligrams a day for a week, then drop by five milligrams every week", "40 mg", "once daily", null)]
    [InlineData("three milligrams per kilogram per day, which for her is one milliliter once a day", "1 ml", "once daily", null)]
    [InlineData("ninety milligrams per kilogram per day, split twice a day", "90 mg/kg/day", "twice daily", null)]
    [InlineData("where it is to milligrams three times daily", "2 mg", "three times daily", null)]
    [InlineData("want thousand micrograms daily", "1000 mcg", "once daily", null)]
    [InlineData("on hundred milligrams in the evening", "100 mg", "every night", null)]
    [InlineData("half a tablespoon at bedtime", "7.5 ml", "at bedtime", null)]
    [InlineData("one capful in a glass of water every day", "1 capful", "once daily", null)]
    [InlineData("two dropperfuls every morning", "2 dropperfuls", "every morning", null)]
    [InlineData("point two milligrams per day", "0.2 mg", "once daily", null)]
    [InlineData("one hundred fifty milligrams once a month", "150 mg", "once monthly", null)]
    [InlineData("seventy milligrams a week for a year", "70 mg", "once weekly", null)]
    [InlineData("ten milligrams for a week", "10 mg", null, null)]
    [InlineData("three hundred milligrams with each meal", "300 mg", "three times daily", null)]
    [InlineData("one hundred milligrams every other week", "100 mg", "every 2 weeks", null)]
    [InlineData("five hundred milligrams once a day at bedtime", "500 mg", "every night", null)]
    public void Doses_frequencies_and_routes_come_from_spoken_instructions(string spoken, string dose, string? frequency, string? route)
    {
        var words = Tokens.Words(spoken);
        Assert.Equal(dose, Dosing.Best(Dosing.Doses(words, 0, words.Length))?.ToString());
        Assert.Equal(frequency, Dosing.Frequency(words, 0, words.Length));
        Assert.Equal(route, Dosing.Route(words, 0, words.Length));
    }

    [Theory]
    [InlineData("Your blood pressure today is one fifty two over ninety four.", "Your blood pressure today is 152/94.")]
    [InlineData("Start aspirin, eighty one milligrams by mouth.", "Start aspirin, 81 mg by mouth.")]
    [InlineData("Your oxygen level is ninety eight percent.", "Your oxygen level is 98%.")]
    [InlineData("Your A one C is eight point four percent.", "Your A1c is 8.4%.")]
    [InlineData("No one should take type two diabetes lightly.", "No one should take type 2 diabetes lightly.")]
    public void Notes_write_numbers_as_digits(string spoken, string written) => Assert.Equal(written, NoteText.Normalize(spoken));
}
