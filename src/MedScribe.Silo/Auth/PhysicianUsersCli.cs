using MedScribe.Abstractions.Diagnostics;
using MedScribe.Silo.Api.Dx0;

namespace MedScribe.Silo.Auth;

/// <summary>
/// <c>MedScribe.Silo users …</c>: adds, removes and lists Dx0 users in the YAML users file. The file is
/// --file or the Dx0__UsersFile environment variable; a running host reads the change at the next login.
/// </summary>
public static class PhysicianUsersCli
{
    public const string Usage = """
        usage: MedScribe.Silo users [--file users.yml] <command>
          add <name> [--group default|admin] [--rounds 12]   the password is read from standard input (first line)
          remove <name>
          list
        The file defaults to the Dx0__UsersFile environment variable.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var options = new Dictionary<string, string>();
        var words = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else
            {
                words.Add(args[i]);
            }
        }

        var file = options.GetValueOrDefault("file") ?? Environment.GetEnvironmentVariable("Dx0__UsersFile");
        if (string.IsNullOrEmpty(file) || words.Count == 0)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        List<PhysicianUser> users;
        try
        {
            users = PhysicianUsers.Read(file);
        }
        catch (PhysicianUsersException e)
        {
            await error.WriteLineAsync($"users: {e.Message}");
            return 1;
        }

        switch (words)
        {
            case ["list"]:
                foreach (var user in users)
                {
                    await output.WriteLineAsync($"{user.Username}\t{user.Group}");
                }

                return 0;

            case ["add", var name]:
            {
                var group = options.GetValueOrDefault("group") ?? PhysicianGroups.Default;
                if (!PhysicianGroups.All.Contains(group))
                {
                    await error.WriteLineAsync($"users: the group must be one of {string.Join(", ", PhysicianGroups.All)}.");
                    return 2;
                }

                if (!int.TryParse(options.GetValueOrDefault("rounds") ?? PhysicianPasswords.WorkFactor.ToString(), out var rounds) || rounds is < 4 or > 31)
                {
                    await error.WriteLineAsync("users: --rounds must be a bcrypt work factor from 4 to 31.");
                    return 2;
                }

                var password = (await input.ReadLineAsync())?.TrimEnd('\r') ?? "";
                if (password.Length < 8)
                {
                    await error.WriteLineAsync("users: the password (first line of standard input) must be at least 8 characters.");
                    return 2;
                }

                var replaced = users.RemoveAll(u => u.Username == name) > 0;
                users.Add(new PhysicianUser(name, BCrypt.Net.BCrypt.HashPassword(password, rounds), group));
                PhysicianUsers.Write(file, users);
                await output.WriteLineAsync($"{(replaced ? "updated" : "added")} {name} ({group}) in {file}");
                return 0;
            }

            case ["remove", var name]:
                if (users.RemoveAll(u => u.Username == name) == 0)
                {
                    await error.WriteLineAsync($"users: no user '{name}' in {file}.");
                    return 1;
                }

                PhysicianUsers.Write(file, users);
                await output.WriteLineAsync($"removed {name} from {file}");
                return 0;

            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }
}
