using System.Text.Json;
using PatternEngine.Bench.Scoring;
using static PatternEngine.Bench.Golden.GoldenLineReader;

namespace PatternEngine.Bench.Golden;

/// <summary>
/// Reads a golden case's judge fields: <c>reference</c>, the answer a judge compares with (needed by, and only for,
/// <c>scorer: judge</c>), and <c>check</c>, the scorer that also scores a judge case's <c>expected</c> so that the
/// judge's agreement with it can be reported (exact unless named; contains, regex or numeric).
/// </summary>
internal static class GoldenJudgeFields
{
    /// <summary>The case's reference and its check scorer (null without <c>expected</c>); throws the line's first problem.</summary>
    public static (string? Reference, string? Check) Read(JsonElement root, string scorer, string? expected)
    {
        var hasReference = root.TryGetProperty("reference", out var reference);
        var hasCheck = root.TryGetProperty("check", out var check);
        if (scorer != ScorerNames.Judge)
        {
            return hasReference ? throw new LineException($"'reference' applies only to the judge scorer, not {scorer}", "reference")
                : hasCheck ? throw new LineException($"'check' applies only to the judge scorer, not {scorer}", "check")
                : (null, null);
        }

        if (!hasReference)
        {
            throw new LineException("the judge scorer needs the field 'reference' (the answer the judge compares with)", "scorer");
        }

        if (reference.ValueKind != JsonValueKind.String || reference.GetString() is not { } text || string.IsNullOrWhiteSpace(text))
        {
            throw new LineException($"'reference' must be non-empty text, not {(reference.ValueKind == JsonValueKind.String ? "empty text" : KindName(reference))}", "reference");
        }

        if (!hasCheck)
        {
            return (text, expected is null ? null : ScorerNames.Exact);
        }

        var name = check.ValueKind == JsonValueKind.String ? check.GetString() : null;
        if (name is null || !ScorerNames.Checks.Contains(name, StringComparer.Ordinal))
        {
            var given = name is null ? KindName(check) : $"'{name}'";
            throw new LineException($"unknown check {given}; use one of {string.Join(", ", ScorerNames.Checks)}", "check");
        }

        return expected is null
            ? throw new LineException("'check' scores the case's 'expected' beside the judge; give 'expected' or remove 'check'", "check")
            : (text, name);
    }
}
