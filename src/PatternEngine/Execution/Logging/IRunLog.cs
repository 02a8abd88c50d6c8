namespace PatternEngine.Execution.Logging;

/// <summary>
/// Where a run reports what it measured as it goes: every call when it finishes, then the run. Implementations
/// must be safe to call from many threads; what they throw is swallowed, since a log never fails a run.
/// </summary>
public interface IRunLog
{
    /// <summary>A model call finished (or failed).</summary>
    void CallFinished(RunHeader run, CallRecord record);

    /// <summary>The run ended; <paramref name="failure"/> says why when it did not finish.</summary>
    void RunFinished(RunHeader run, RunRecord record, string? failure);
}

/// <summary>What identifies a run in a log.</summary>
/// <param name="RunId">A fresh id per run.</param>
/// <param name="Pattern">The pattern's name.</param>
/// <param name="Version">The pattern's version.</param>
/// <param name="StartedAt">When the run started.</param>
public sealed record RunHeader(string RunId, string Pattern, string Version, DateTimeOffset StartedAt);
