namespace MedScribe.AzureStorage.Tests;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("sessiongrain/ses_abc", "sessiongrain%2Fses_abc")]
    [InlineData(@"a\b#c?d%e", @"a%5Cb%23c%3Fd%25e")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("plain-key_1.2", "plain-key_1.2")]
    public void Escape_replaces_every_character_azure_forbids_in_keys(string raw, string escaped)
    {
        Assert.Equal(escaped, TableKey.Escape(raw));
        Assert.Equal(raw, TableKey.Unescape(escaped));
    }

    [Fact]
    public void Escaped_keys_never_contain_forbidden_characters_and_round_trip()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var raw = new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0, 128)).ToArray());
            var escaped = TableKey.Escape(raw);
            Assert.DoesNotContain(escaped, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
            Assert.Equal(raw, TableKey.Unescape(escaped));
        }
    }
}
