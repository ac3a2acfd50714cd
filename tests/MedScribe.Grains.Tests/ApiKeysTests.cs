using MedScribe.Grains.Tenancy;

namespace MedScribe.Grains.Tests;

public sealed class ApiKeysTests
{
    [Fact]
    public void Keys_carry_the_environment_prefix_and_are_unique()
    {
        var live = ApiKeys.Generate(live: true);
        var test = ApiKeys.Generate(live: false);

        Assert.Matches("^sk_live_[A-Za-z0-9]{32}$", live);
        Assert.Matches("^sk_test_[A-Za-z0-9]{32}$", test);
        Assert.NotEqual(live, ApiKeys.Generate(live: true));
    }

    [Fact]
    public void Only_a_hash_and_a_short_prefix_of_a_key_are_ever_kept_or_shown()
    {
        const string key = "sk_live_abcdefghijklmnopqrstuvwxyz012345";

        Assert.Equal("8b4c0cb5a9b1bc0a5e4b8f5b5e2e14b1a4c1f0d4b8ad0b7b4f0a1a2b3c4d5e6f".Length, ApiKeys.Hash(key).Length);
        Assert.Equal(ApiKeys.Hash(key), ApiKeys.Hash(key));
        Assert.DoesNotContain("abcdefgh", ApiKeys.Hash(key));
        Assert.Equal("sk_live_abcd…", ApiKeys.DisplayPrefix(key));
    }
}
