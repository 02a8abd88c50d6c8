using System.Collections.Immutable;
using PatternEngine.Execution;

namespace PatternEngine.Bench;

/// <summary>One run of one pattern on one golden case: what it cost, how long it took and whether it was right.</summary>
public sealed record BenchSample
{
    /// <summary>The pattern's name.</summary>
    public required string Pattern { get; init; }

    /// <summary>The golden case's id.</summary>
    public required string CaseId { get; init; }

    /// <summary>Which repeat this is, from 0.</summary>
    public int Repeat { get; init; }

    /// <summary>Model calls made.</summary>
    public int Calls { get; init; }

    /// <summary>Calls answered from a cache or cassette: their usage and latency are the recorded ones.</summary>
    public int CachedCalls { get; init; }

    /// <summary>Of the <see cref="CachedCalls"/>, those replayed from a cassette rather than answered from a cache.</summary>
    public int ReplayedCalls { get; init; }

    /// <summary>Tokens sent, over all calls.</summary>
    public long InputTokens { get; init; }

    /// <summary>Tokens received, over all calls.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Tokens sent and received.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Cost in US dollars of the calls whose model the catalog prices.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Calls whose model the catalog does not list, so they have no cost.</summary>
    public int UnpricedCalls { get; init; }

    /// <summary>Wall time of the run, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Whether any call was answered from a cache, so the latency is no fresh measurement.</summary>
    public bool Cached => CachedCalls > 0;

    /// <summary>
    /// The pattern's answer (its output as text). Empty in a <see cref="BenchReport"/>'s samples: a bench streams each
    /// run's full record (answer, stages, calls) to the history and <c>--log</c> as it finishes, then drops it.
    /// </summary>
    public string Answer { get; init; } = "";

    /// <summary>Whether the answer scored right; null when the case expects nothing or the run failed.</summary>
    public bool? Correct { get; init; }

    /// <summary>The judge's verdict and what it cost, for a <c>scorer: judge</c> case a judge was asked about; null otherwise.</summary>
    public Judging.JudgeVerdict? Judge { get; init; }

    /// <summary>Why the run failed, when it did; its figures are then those of the calls that finished.</summary>
    public string? Error { get; init; }

    /// <summary>What the run's guards decided, on a case that states an expected verdict; null otherwise.</summary>
    public BenchGuardVerdict? Guard { get; init; }

    /// <summary>
    /// The stages of the run, with their calls (a failed run's partial stages). Empty in a <see cref="BenchReport"/>'s
    /// samples (see <see cref="Answer"/>): summaries read the run's compact facts, taken when the sample was made.
    /// </summary>
    public ImmutableArray<StageRecord> Stages { get; init; } = [];

    /// <summary>The run as it goes to the review queue, when the pattern's <c>review:</c> rule held it; null otherwise.</summary>
    public PatternEngine.Review.ReviewSubmission? Review { get; init; }

    /// <summary>
    /// For a conversation case, each played turn's figures in order (the sample's figures are their sums, its answer
    /// the last turn's); empty for a single-turn case.
    /// </summary>
    public ImmutableArray<BenchTurn> Turns { get; init; } = [];

    /// <summary>What the checklist's metrics count of the run, read from its stages when the sample was made; null until then.</summary>
    internal Metrics.RunCounts? Counts { get; init; }
}

/// <summary>What one turn of a conversation case cost, and whether its answer held the expected one.</summary>
/// <param name="Index">The turn, from 0.</param>
/// <param name="InputTokens">Tokens sent over the turn's calls.</param>
/// <param name="OutputTokens">Tokens received.</param>
/// <param name="LatencyMs">Wall time of the turn's run.</param>
/// <param name="Correct">Whether the answer held the expected one; null when the turn expects none.</param>
public sealed record BenchTurn(int Index, long InputTokens, long OutputTokens, double LatencyMs, bool? Correct);
