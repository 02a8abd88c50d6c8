namespace PatternEngine.Bench.Scoring;

/// <summary>The scorers a golden case can name in its <c>scorer</c> field.</summary>
internal static class ScorerNames
{
    /// <summary>The answer, trimmed, equals the expected text, trimmed (ordinal: case and every character count).</summary>
    public const string Exact = "exact";

    /// <summary>The answer contains the expected text, ignoring case.</summary>
    public const string Contains = "contains";

    /// <summary>The expected text is a regular expression that matches somewhere in the answer.</summary>
    public const string Regex = "regex";

    /// <summary>The last number in the answer is within the case's tolerance of the expected number.</summary>
    public const string Numeric = "numeric";

    /// <summary>The answer, or a fenced JSON block in it, is JSON that the case's schema validates.</summary>
    public const string JsonSchema = "json-schema";

    /// <summary>Every scorer name, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Exact, Contains, Regex, Numeric, JsonSchema];
}
