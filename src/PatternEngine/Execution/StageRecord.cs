using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PatternEngine.Execution;

/// <summary>What one stage did: its value, its calls and their totals, and what it decided on the way.</summary>
public sealed record StageRecord
{
    /// <summary>The stage's id.</summary>
    public required string Id { get; init; }

    /// <summary>The primitive, as the file names it (<c>prompt</c>, <c>fan_out</c>, …).</summary>
    public required string Kind { get; init; }

    /// <summary>The model(s) that answered, comma-separated; empty for stages that call none.</summary>
    public required string Model { get; init; }

    /// <summary>Whether the stage's <c>when</c> was false, so it made no calls.</summary>
    public bool Skipped { get; init; }

    /// <summary>Model calls made.</summary>
    public int Calls { get; init; }

    /// <summary>Calls answered from a cache or a replayed cassette rather than the model.</summary>
    public int CachedCalls { get; init; }

    /// <summary>Tokens sent, over all calls.</summary>
    public long InputTokens { get; init; }

    /// <summary>Cost in US dollars of the calls whose model the catalog prices.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Calls whose model the catalog does not list, so they have no cost.</summary>
    public int UnpricedCalls { get; init; }

    /// <summary>Tokens received, over all calls.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Wall time of the stage, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>The stage's value.</summary>
    public required StageValue Output { get; init; }

    /// <summary>What could not be parsed or extracted on the way; empty when all went well.</summary>
    public ImmutableArray<string> Issues { get; init; } = [];

    /// <summary>Final answers the stage's own prompts gave (one per prompt call, however many tool rounds it took).</summary>
    public int Answers { get; init; }

    /// <summary>Of the <see cref="Answers"/>, those that failed their output schema or extraction.</summary>
    public int UnparsedAnswers { get; init; }

    /// <summary>What the primitive decided (votes, rounds, bracket), when it decides anything.</summary>
    public JsonObject? Details { get; init; }

    /// <summary>What a <c>remember</c> or <c>recall</c> stage wrote to or read from the conversation's memory (rows, bytes, time); null for the others.</summary>
    public Conversations.MemoryAccess? Memory { get; init; }

    /// <summary>
    /// Every call the stage made itself, in the order they finished. A stage that runs included patterns makes none:
    /// its calls are in the records of <see cref="Stages"/>, and its figures are their sums.
    /// </summary>
    public ImmutableArray<CallRecord> CallRecords { get; init; } = [];

    /// <summary>
    /// The stages of the patterns this stage ran (a <c>pattern</c> stage, or a pattern body per sample or item), with
    /// qualified ids (<c>reasoned.answer</c>, <c>points[2].critique</c>): each run's stages in file order, runs in
    /// sample or item order. Empty for the other stages.
    /// </summary>
    public ImmutableArray<StageRecord> Stages { get; init; } = [];

    /// <summary>Every call of the stage and of the stages it nests, each once.</summary>
    public IEnumerable<CallRecord> AllCalls() => Stages.IsEmpty ? CallRecords : CallRecords.Concat(Stages.SelectMany(s => s.AllCalls()));
}
