namespace MedScribe.Clinical.Extraction;

/// <summary>
/// People other than the patient a consult speaks of: "my sister takes that one", "my friend gets a shot", "your father's
/// diabetes". A parent's "my son" or "my daughter" is the patient at a child's visit, so they are not among them.
/// </summary>
public static class OtherPeople
{
    private static readonly HashSet<string> Names =
    [
        "friend", "friends", "sister", "brother", "mother", "mom", "father", "dad", "husband", "wife", "neighbor", "coworker", "buddy", "cousin",
        "aunt", "uncle", "grandmother", "grandfather", "grandma", "grandpa",
    ];

    /// <summary>True when the words name someone else.</summary>
    public static bool Named(IReadOnlyList<string> words) => words.Any(Is);

    /// <summary>"sister", "husband": a word that names someone else.</summary>
    public static bool Is(string word) => Names.Contains(word);

    /// <summary>"father's", "sister's": someone else's.</summary>
    public static bool IsPossessive(string word) => word.EndsWith("'s", StringComparison.Ordinal) && Names.Contains(word[..^2]);
}
