namespace PatternEngine.Fuzz.Mutations;

/// <summary>What both line-oriented mutators do to whole lines: the file's lines, and one deleted or repeated elsewhere.</summary>
internal static class LineMutations
{
    public static List<string> Split(string text) => [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')];

    /// <summary>Deletes line <paramref name="at"/>, or (<paramref name="repeat"/>) puts a copy of a random line there.</summary>
    public static string Edit(List<string> lines, int at, bool repeat, Random random)
    {
        if (repeat)
        {
            lines.Insert(at, lines[random.Next(lines.Count)]);
            return "repeat-line";
        }

        lines.RemoveAt(at);
        return "delete-line";
    }
}
