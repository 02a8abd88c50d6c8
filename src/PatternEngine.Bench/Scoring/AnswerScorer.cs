using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PatternEngine.Bench.Golden;
using PatternEngine.Compilation;
using PatternEngine.Schemas;

namespace PatternEngine.Bench.Scoring;

/// <summary>
/// Decides whether an answer is right for a golden case, by the case's scorer (see <see cref="ScorerNames"/>).
/// Never throws on what a model says: an answer that cannot be read is simply wrong.
/// </summary>
public static class AnswerScorer
{
    /// <summary>How long a case's regular expression may run on one answer before the answer counts as wrong.</summary>
    public static TimeSpan RegexTimeout => InputLimits.RegexTimeout;

    /// <summary>
    /// Scores an answer against a case; null when the case expects nothing (it only measures cost) or a judge model
    /// scores it (<c>scorer: judge</c>, see <see cref="Judging.BenchJudge"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The case names an unknown scorer, or json-schema without a schema.</exception>
    public static bool? Score(GoldenCase goldenCase, string answer)
    {
        ArgumentNullException.ThrowIfNull(goldenCase);
        ArgumentNullException.ThrowIfNull(answer);
        if (goldenCase.Scorer == ScorerNames.JsonSchema)
        {
            return goldenCase.Schema is { } schema
                ? MatchesSchema(answer, schema)
                : throw new ArgumentException($"case '{goldenCase.Id}' uses the json-schema scorer without a schema", nameof(goldenCase));
        }

        if (goldenCase.Expected is not { } expected)
        {
            return null;
        }

        return goldenCase.Scorer switch
        {
            ScorerNames.Exact => Exact(answer, expected),
            ScorerNames.Contains => Contains(answer, expected),
            ScorerNames.Regex => MatchesRegex(answer, expected),
            ScorerNames.Numeric => IsNumberWithin(answer, expected, goldenCase.Tolerance),
            ScorerNames.Judge => null, // a judge model scores it, after the run (Judging.BenchJudge)
            _ => throw new ArgumentException(
                $"case '{goldenCase.Id}' names the unknown scorer '{goldenCase.Scorer}'; use one of {string.Join(", ", ScorerNames.All)}", nameof(goldenCase)),
        };
    }

    /// <summary>
    /// Whether the answer equals the expected text once both are trimmed of surrounding white space.
    /// The comparison is ordinal: case, accents and inner spacing all count.
    /// </summary>
    public static bool Exact(string answer, string expected)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(expected);
        return string.Equals(answer.Trim(), expected.Trim(), StringComparison.Ordinal);
    }

    /// <summary>Whether the answer contains the expected text, ignoring case (ordinal otherwise).</summary>
    public static bool Contains(string answer, string expected)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(expected);
        return answer.Contains(expected, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether the regular expression matches somewhere in the answer (anchor it with <c>^</c> and <c>$</c> to match
    /// all of it). An answer on which the expression runs longer than <see cref="RegexTimeout"/> counts as wrong.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public static bool MatchesRegex(string answer, string pattern)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            // The static method keeps compiled expressions in the framework's cache, so repeats do not re-parse.
            return Regex.IsMatch(answer, pattern, RegexOptions.None, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the last number in the answer is within <paramref name="tolerance"/> of the expected number.
    /// Numbers may carry a minus, decimals after a point, and thousands commas (1,234.5).
    /// </summary>
    /// <exception cref="ArgumentException">The expected text is not one number.</exception>
    public static bool IsNumberWithin(string answer, string expected, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(expected);
        var target = AnswerNumbers.Whole(expected) ?? throw new ArgumentException($"the expected answer '{expected}' is not a number", nameof(expected));
        return AnswerNumbers.Last(answer) is { } actual && Math.Abs(actual - target) <= tolerance;
    }

    /// <summary>
    /// Whether the answer is JSON that the schema validates. The JSON is found as the engine finds it in any answer:
    /// the whole text, else a fenced block (<c>```json</c>), else the outermost braces or brackets. The check is bounded
    /// (see <see cref="InputLimits"/>); an answer it cannot finish with counts as wrong.
    /// </summary>
    /// <exception cref="ArgumentException">The schema cannot be checked safely: it refers outside itself, applies itself
    /// without end, or has a keyword the check would fail on.</exception>
    public static bool MatchesSchema(string answer, JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(schema);
        AnswerSchema loaded;
        try
        {
            loaded = CaseSchemas.Load(schema);
        }
        catch (InvalidSchemaException e)
        {
            throw new ArgumentException($"the schema cannot be used: {e.Message}", nameof(schema), e);
        }

        // An answer the check cannot finish within its limits (a regex that runs too long) counts as wrong.
        return answer.Length <= InputLimits.MaxJsonAnswerChars && JsonText.TryParse(answer) is { } json && loaded.Check(json, "the case's schema") is null;
    }
}
