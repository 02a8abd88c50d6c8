using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PatternEngine.Bench.Golden;

/// <summary>One line of a golden file: a case's inputs and, optionally, the answer it expects and how to score it.</summary>
public sealed record GoldenCase
{
    /// <summary>The case's id, unique in its file.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The inputs, as text ready for <c>CompiledPattern.RunAsync</c>: strings as written; numbers, booleans, arrays
    /// (list inputs) and objects as their JSON text.
    /// </summary>
    public required ImmutableDictionary<string, string> Inputs { get; init; }

    /// <summary>The expected answer; null when the case only measures cost.</summary>
    public string? Expected { get; init; }

    /// <summary>
    /// How an answer is scored (see <see cref="Scoring.ScorerNames"/>): exact, contains, regex, numeric or json-schema;
    /// exact unless stated. <see cref="Scoring.AnswerScorer"/> applies it.
    /// </summary>
    public string Scorer { get; init; } = "exact";

    /// <summary>The absolute tolerance of the numeric scorer; 0 unless stated.</summary>
    public double Tolerance { get; init; }

    /// <summary>The JSON Schema the json-schema scorer validates the answer against; null for other scorers.</summary>
    public JsonNode? Schema { get; init; }

    /// <summary>
    /// The user's turns when the case is a conversation (a golden line with <c>turns</c>): each run of the case plays
    /// them through the pattern in a fresh conversation, and scores the turns that expect an answer. Empty for a
    /// single-turn case.
    /// </summary>
    public ImmutableArray<Conversations.ScriptedTurn> Turns { get; init; } = [];

    /// <summary>
    /// What a guarded pattern's guards should decide on the inputs (<c>expected_verdict</c>); null when the case states
    /// nothing. A bench's guard detection and false-positive rates are taken over the cases that state one.
    /// </summary>
    public Definitions.GuardAction? ExpectedVerdict { get; init; }

    /// <summary>The case's line in its file (1-based).</summary>
    public int Line { get; init; }
}
