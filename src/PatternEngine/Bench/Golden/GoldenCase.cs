using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PatternEngine.Bench.Golden;

/// <summary>One line of a golden file: a case's inputs and, optionally, the answer it expects and how to score it.</summary>
public sealed record GoldenCase
{
    /// <summary>The case's id, unique in its file.</summary>
    public required string Id { get; init; }

    /// <summary>The inputs, as text (a JSON array for list inputs), ready for <c>CompiledPattern.RunAsync</c>.</summary>
    public required ImmutableDictionary<string, string> Inputs { get; init; }

    /// <summary>The expected answer; null when the case only measures cost.</summary>
    public string? Expected { get; init; }

    /// <summary>How an answer is scored against <see cref="Expected"/>: exact, contains, regex, numeric or json-schema.</summary>
    public string Scorer { get; init; } = "exact";

    /// <summary>The absolute tolerance of the numeric scorer.</summary>
    public double Tolerance { get; init; }

    /// <summary>The schema the json-schema scorer validates the answer against.</summary>
    public JsonNode? Schema { get; init; }

    /// <summary>The case's line in its file (1-based).</summary>
    public int Line { get; init; }
}
