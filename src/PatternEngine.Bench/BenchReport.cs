using System.Collections.Immutable;
using PatternEngine.Bench.Golden;

namespace PatternEngine.Bench;

/// <summary>The result of a bench: every pattern's summary and deltas, and the samples behind them.</summary>
public sealed record BenchReport
{
    /// <summary>When the bench started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The model the patterns ran on, as the provider names it.</summary>
    public required string Model { get; init; }

    /// <summary>The model's pinned version or file hash, when known.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The baseline's pattern name.</summary>
    public required string Baseline { get; init; }

    /// <summary>The golden file's path, as given.</summary>
    public required string GoldenFile { get; init; }

    /// <summary>The mode the patterns ran in (<see cref="BenchOptions.Mode"/>); null when they ran as written.</summary>
    public string? Mode { get; init; }

    /// <summary>Cases run.</summary>
    public int Cases { get; init; }

    /// <summary>Runs per pattern and case.</summary>
    public int Repeats { get; init; }

    /// <summary>The bench's seed: runs and the bootstrap derive from it.</summary>
    public int Seed { get; init; }

    /// <summary>Bootstrap resamples behind each interval.</summary>
    public int BootstrapResamples { get; init; }

    /// <summary>Whether the bench was cancelled part-way: the figures are those of the runs that finished.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Whether latency was measured: false for a bench through a provider's batch API (<see cref="BenchOptions.Batched"/>).</summary>
    public bool LatencyMeasured { get; init; } = true;

    /// <summary>Golden lines that could not be read and were skipped.</summary>
    public ImmutableArray<GoldenLineError> SkippedLines { get; init; } = [];

    /// <summary>One summary per pattern, the baseline first.</summary>
    public required ImmutableArray<PatternSummary> Patterns { get; init; }

    /// <summary>
    /// Every run, in the order they finished (a resumed bench's earlier runs first), as compact facts: their figures,
    /// scores and errors, without answers or stages (the history and the log hold those).
    /// </summary>
    public required ImmutableArray<BenchSample> Samples { get; init; }

    /// <summary>The bench's id in <see cref="BenchOptions.History"/>, when it was stored there as it ran.</summary>
    public long? HistoryId { get; init; }

    /// <summary>Of the <see cref="Samples"/>, those a resumed bench found finished in its history and did not run again.</summary>
    public int ResumedRuns { get; init; }
}
