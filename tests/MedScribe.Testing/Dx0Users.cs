namespace MedScribe.Testing;

/// <summary>The Dx0 users a test host starts with: a physician and an admin in a users file written once per test process.</summary>
public static class Dx0Users
{
    public const string Physician = "dr_house";
    public const string Admin = "chief";
    public const string Password = "Correct-Horse-Battery-7";
    public const string SecretKey = "test-signing-key-0123456789abcdef-0123456789";

    private static readonly Lazy<string> Written = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"medscribe-dx0-users-{Environment.ProcessId}.yml");
        // bcrypt cost 4 keeps test logins fast; the format is the seed's.
        System.IO.File.WriteAllText(path, $"""
            users:
              {Physician}:
                password: "{BCrypt.Net.BCrypt.HashPassword(Password, 4)}"
                group: "default"
              {Admin}:
                password: "{BCrypt.Net.BCrypt.HashPassword(Password, 4)}"
                group: "admin"
            """);
        return path;
    });

    public static string File => Written.Value;
}
