using PatternEngine.Execution.Logging;

namespace PatternEngine.Bench;

/// <summary>Settings of one bench.</summary>
public sealed record BenchOptions
{
    /// <summary>Runs of each pattern on each case (at least 1).</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>The bench's seed: repeat r of every pattern runs with seed <c>Seed + r</c>, and the bootstrap draws from it.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Runs in flight at once (at least 1). The default, 1, keeps runs from sharing the model, so latencies are
    /// those of a run alone; a run's own calls still overlap as its pattern allows.
    /// </summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Bootstrap resamples behind each confidence interval (at least 100).</summary>
    public int Resamples { get; init; } = 2000;

    /// <summary>
    /// Whether each pattern first runs once, unmeasured, on the first case (with seed <c>Seed - 1</c>, so that a cache
    /// never serves a measured run from it): the process's first run pays for JIT compilation and cold caches, and
    /// would otherwise land on the first measured run. Its failures are ignored; the measured runs will show them.
    /// </summary>
    public bool Warmup { get; init; } = true;

    /// <summary>Where every call and run is logged as it finishes, if anywhere.</summary>
    public IRunLog? Log { get; init; }

    /// <summary>The model's pinned version or file hash, for the report and history.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The clock that dates the bench.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>What each run may spend, over each pattern's own budget (the stricter wins); null leaves the patterns' alone.</summary>
    public Definitions.RunBudget? Budget { get; init; }

    /// <summary>
    /// The mode the bench runs in (<c>modes:</c> in the pattern files): every measured pattern must declare it, and the
    /// baseline runs in it when it declares it too (else as written); null runs every pattern as written.
    /// </summary>
    public string? Mode { get; init; }

    /// <summary>
    /// Whether the bench's calls go through a provider's batch API (<c>AddBatchProviders</c>, <c>bench --batch</c>): a
    /// run's wall time is then the batches' turnaround, no measure of the model, so every report says latency was
    /// not measured (and gives no latency percentile or delta). Tokens, cost and accuracy are measured as usual.
    /// </summary>
    public bool Batched { get; init; }

    /// <summary>
    /// The judge model that scores <c>scorer: judge</c> cases (<see cref="Judging.BenchJudge.Create"/>); required when the
    /// golden set has such cases. Its calls are measured and reported apart from the patterns' own.
    /// </summary>
    public Judging.BenchJudge? Judge { get; init; }

    /// <summary>
    /// The history each finished run is stored in as it finishes (its full record: answer, stages, calls), in batched
    /// transactions; the bench's figures follow when it ends. An interrupted bench stays in it, marked unfinished, for
    /// <see cref="Resume"/>; only finished benches are history to the readers. Null stores nothing. The bench uses the
    /// history until it returns.
    /// </summary>
    public History.BenchHistory? History { get; init; }

    /// <summary>
    /// Whether to continue the newest unfinished bench in <see cref="History"/> that ran the same patterns (file hashes),
    /// golden cases, stage models, model version, seed and repeats: its finished runs are not run again, and the report
    /// covers them and the new ones. Refused (<see cref="PatternEngine.Bench.History.BenchHistoryException"/>) when there
    /// is no such bench, saying what differs.
    /// </summary>
    public bool Resume { get; init; }

    internal void Validate()
    {
        if (Resume && History is null)
        {
            throw new ArgumentException("Resume continues a bench from its history: set History too", nameof(Resume));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Repeats, 1, nameof(Repeats));
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1, nameof(Concurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(Resamples, 100, nameof(Resamples));
        ArgumentNullException.ThrowIfNull(Time);
    }
}
