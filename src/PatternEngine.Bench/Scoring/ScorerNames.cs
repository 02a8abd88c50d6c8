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

    /// <summary>A judge model decides whether the answer is right against the case's <c>reference</c> (see <see cref="Judging.BenchJudge"/>).</summary>
    public const string Judge = "judge";

    /// <summary>Every scorer name, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Exact, Contains, Regex, Numeric, JsonSchema, Judge];

    /// <summary>The scorers a judge case's <c>check</c> may name, to score its <c>expected</c> beside the judge.</summary>
    public static IReadOnlyList<string> Checks { get; } = [Exact, Contains, Regex, Numeric];
}
