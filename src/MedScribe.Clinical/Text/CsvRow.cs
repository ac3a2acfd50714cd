namespace MedScribe.Clinical.Text;

/// <summary>Splits one row of a simple CSV file (double quotes protect commas; no embedded newlines).</summary>
public static class CsvRow
{
    public static List<string> Split(string row)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in row)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        cells.Add(current.ToString());
        return cells;
    }
}
