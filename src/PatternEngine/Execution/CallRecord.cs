using System.Collections.Immutable;

namespace PatternEngine.Execution;

/// <summary>One model call, as measured around the call.</summary>
public sealed record CallRecord
{
    /// <summary>The stage that made the call.</summary>
    public required string Stage { get; init; }

    /// <summary>The logical model name the stage asked for.</summary>
    public required string Route { get; init; }

    /// <summary>The model that answered, as the provider names it.</summary>
    public required string Model { get; init; }

    /// <summary>Tokens sent.</summary>
    public long InputTokens { get; init; }

    /// <summary>Tokens received.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Where the token counts came from: <c>provider</c>, <c>tokenizer</c>, <c>tiktoken</c> (an estimate) or <c>none</c>.</summary>
    public required string UsageSource { get; init; }

    /// <summary>What the call cost in US dollars at the catalog's prices; null when the catalog does not list the model.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>
    /// Wall time of the call, in milliseconds. For a call answered from a cassette (<see cref="Cached"/>) it is the
    /// recorded call's latency, not a fresh measurement.
    /// </summary>
    public double LatencyMs { get; init; }

    /// <summary>Milliseconds from sending the request to the first piece of the answer; null unless the call was streamed.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    /// <summary>Where the answer came from: <c>live</c>, <c>cache</c> or <c>replay</c> (see <see cref="Models.Calls.CallSource"/>).</summary>
    public string Source { get; init; } = Models.Calls.CallSource.Live;

    /// <summary>
    /// Whether the call was served by a cache or a replayed cassette rather than the model (a replay that missed
    /// included), so its latency is no fresh measurement.
    /// </summary>
    public bool Cached => Source != Models.Calls.CallSource.Live;

    /// <summary>Which try answered (1 for the first); a retrying middleware reports more through <see cref="Models.Calls.ModelCallContext"/>.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Why the model stopped (<c>stop</c>, <c>length</c>, …), when it said.</summary>
    public string? FinishReason { get; init; }

    /// <summary>The messages sent, in order.</summary>
    public ImmutableArray<SentMessage> Messages { get; init; } = [];

    /// <summary>The answer's text.</summary>
    public string Response { get; init; } = "";

    /// <summary>Why the call failed, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>The logical model name this call stood in for, when it was a fallback after that route failed; else null.</summary>
    public string? FallbackFrom { get; init; }

    /// <summary>Input tokens the provider served from its prompt cache (part of <see cref="InputTokens"/>), when it said.</summary>
    public long? CachedInputTokens { get; init; }

    /// <summary>Output tokens the model spent reasoning (part of <see cref="OutputTokens"/>), when it said.</summary>
    public long? ReasoningTokens { get; init; }
}

/// <summary>A message as sent to a model.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Text">The message text.</param>
public sealed record SentMessage(string Role, string Text);
