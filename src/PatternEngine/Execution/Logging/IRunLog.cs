namespace PatternEngine.Execution.Logging;

/// <summary>
/// Where a run reports what it measured as it goes: every call when it finishes, then the run. Implementations must be
/// safe to call from many threads and must not make the call wait: <see cref="CallFinished"/> is called on the model
/// call's path. A log never fails a run: what <see cref="CallFinished"/> throws becomes an issue of the call's stage,
/// and what <see cref="RunFinishedAsync"/> throws is dropped (the record has it all).
/// </summary>
public interface IRunLog
{
    /// <summary>A model call finished (or failed). Queue what is to be written; never wait for a disk or a network.</summary>
    void CallFinished(RunHeader run, CallRecord record);

    /// <summary>
    /// The run ended; <paramref name="failure"/> says why when it did not finish. The run returns once this completes:
    /// complete it when the run's lines are written, so that a finished run has its whole log.
    /// </summary>
    ValueTask RunFinishedAsync(RunHeader run, RunRecord record, string? failure, CancellationToken cancellationToken = default);
}

/// <summary>What identifies a run in a log.</summary>
/// <param name="RunId">A fresh id per run.</param>
/// <param name="Pattern">The pattern's name.</param>
/// <param name="Version">The pattern's version.</param>
/// <param name="StartedAt">When the run started.</param>
public sealed record RunHeader(string RunId, string Pattern, string Version, DateTimeOffset StartedAt)
{
    /// <summary>
    /// What the caller adds about the run (a bench: its case, repeat and score), written with the run's line as
    /// <c>labels</c>; null for none.
    /// </summary>
    public System.Collections.Immutable.ImmutableDictionary<string, string>? Labels { get; init; }
}
