namespace PatternEngine.Cli.Commands;

/// <summary>The <c>--input name=value</c> arguments of <c>run</c> and <c>estimate</c>, as a run takes them (the last value of a name wins).</summary>
internal static class InputArguments
{
    public static Dictionary<string, string> Parse(IEnumerable<string> arguments) =>
        arguments
            .Select(i => i.Split('=', 2))
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
}
