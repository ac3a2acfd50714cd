using System.Reflection;

namespace MedScribe.Clinical.Text;

/// <summary>Reads a text file embedded in an assembly, line by line (line ends trimmed).</summary>
public static class EmbeddedText
{
    public static IReadOnlyList<string> ReadLines(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"'{name}' is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line.TrimEnd('\r'));
        }

        return lines;
    }
}
