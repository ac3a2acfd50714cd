using MedScribe.Abstractions.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MedScribe.Silo.Auth;

/// <summary>One Dx0 user: the bcrypt hash of the password and the group.</summary>
public sealed record PhysicianUser(string Username, string PasswordHash, string Group);

/// <summary>The users file is missing, unreadable or malformed; the message says which and where.</summary>
public sealed class PhysicianUsersException(string message) : Exception(message);

/// <summary>
/// The Dx0 users: the seed's YAML file (<c>users: {name: {password: "$2b$…", group: default|admin}}</c>), read
/// again when it changes on disk (so <c>MedScribe.Silo users add</c> takes effect without a restart), plus the
/// Development users when the host adds them.
/// </summary>
public sealed class PhysicianUsers
{
    private readonly string? _path;
    private readonly IReadOnlyDictionary<string, PhysicianUser> _extra;
    private readonly Lock _lock = new();
    private DateTime _loadedWrite;
    private IReadOnlyDictionary<string, PhysicianUser> _fromFile = new Dictionary<string, PhysicianUser>();

    public PhysicianUsers(string? path, IEnumerable<PhysicianUser> extra)
    {
        _path = string.IsNullOrEmpty(path) ? null : Path.GetFullPath(path);
        _extra = extra.ToDictionary(u => u.Username, StringComparer.Ordinal);
        Refresh();
    }

    public string? FilePath => _path;

    /// <summary>All users, the file's first.</summary>
    public IReadOnlyList<PhysicianUser> All
    {
        get
        {
            Refresh();
            return _fromFile.Values.Concat(_extra.Values.Where(u => !_fromFile.ContainsKey(u.Username))).ToList();
        }
    }

    public PhysicianUser? Find(string username)
    {
        Refresh();
        return _fromFile.GetValueOrDefault(username) ?? _extra.GetValueOrDefault(username);
    }

    /// <summary>Reads a users file; a missing file has no users.</summary>
    public static List<PhysicianUser> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        Dictionary<string, Dictionary<string, Dictionary<string, string>>>? document;
        try
        {
            document = new DeserializerBuilder().WithNamingConvention(NullNamingConvention.Instance).Build()
                .Deserialize<Dictionary<string, Dictionary<string, Dictionary<string, string>>>?>(File.ReadAllText(path));
        }
        catch (YamlException e)
        {
            throw new PhysicianUsersException($"The users file {path} is not valid YAML of the form users: {{name: {{password, group}}}} (line {e.Start.Line}: {e.Message}).");
        }

        var users = new List<PhysicianUser>();
        foreach (var (name, fields) in document?.GetValueOrDefault("users") ?? [])
        {
            var hash = fields?.GetValueOrDefault("password") ?? "";
            var group = fields?.GetValueOrDefault("group") ?? PhysicianGroups.Default;
            if (!hash.StartsWith("$2", StringComparison.Ordinal))
            {
                throw new PhysicianUsersException($"The users file {path}: user '{name}' has no bcrypt password hash (passwords are stored hashed; use 'MedScribe.Silo users add').");
            }

            if (!PhysicianGroups.All.Contains(group))
            {
                throw new PhysicianUsersException($"The users file {path}: user '{name}' is in group '{group}'; groups are {string.Join(", ", PhysicianGroups.All)}.");
            }

            users.Add(new PhysicianUser(name, hash, group));
        }

        return users;
    }

    /// <summary>Writes a users file atomically (a temporary file moved over the old one).</summary>
    public static void Write(string path, IEnumerable<PhysicianUser> users)
    {
        var document = new Dictionary<string, Dictionary<string, Dictionary<string, string>>>
        {
            ["users"] = users.OrderBy(u => u.Username, StringComparer.Ordinal)
                .ToDictionary(u => u.Username, u => new Dictionary<string, string> { ["password"] = u.PasswordHash, ["group"] = u.Group }),
        };
        var yaml = new SerializerBuilder().WithNamingConvention(NullNamingConvention.Instance).Build().Serialize(document);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, yaml);
        File.Move(temporary, path, overwrite: true);
    }

    private void Refresh()
    {
        if (_path is null)
        {
            return;
        }

        var written = File.Exists(_path) ? File.GetLastWriteTimeUtc(_path) : DateTime.MinValue;
        lock (_lock)
        {
            if (written == _loadedWrite)
            {
                return;
            }

            _fromFile = Read(_path).ToDictionary(u => u.Username, StringComparer.Ordinal);
            _loadedWrite = written;
        }
    }
}
