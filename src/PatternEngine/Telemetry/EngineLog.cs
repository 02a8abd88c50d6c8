using Microsoft.Extensions.Logging;

namespace PatternEngine.Telemetry;

/// <summary>
/// The engine's log events (category <see cref="Category"/>), source-generated so that a disabled level costs one
/// check. Messages carry names, figures and error messages, never prompt or answer text and never a key.
/// </summary>
internal static partial class EngineLog
{
    /// <summary>The category of the engine's logger.</summary>
    public const string Category = "PatternEngine";

    [LoggerMessage(EventId = 1, EventName = "RunStarted", Level = LogLevel.Debug,
        Message = "Run of {Pattern} {Version} started with seed {Seed}")]
    public static partial void RunStarted(ILogger logger, string pattern, string version, int seed);

    [LoggerMessage(EventId = 2, EventName = "RunFinished", Level = LogLevel.Information,
        Message = "Run of {Pattern} {Version} finished in {WallMs:F0} ms: {Calls} calls ({CachedCalls} cached), {InputTokens} input and {OutputTokens} output tokens, {CostUsd} USD for priced calls, {UnpricedCalls} unpriced")]
    public static partial void RunFinished(
        ILogger logger, string pattern, string version, double wallMs, int calls, int cachedCalls, long inputTokens, long outputTokens, decimal costUsd, int unpricedCalls);

    [LoggerMessage(EventId = 3, EventName = "RunFailed", Level = LogLevel.Error,
        Message = "Run of {Pattern} {Version} failed after {WallMs:F0} ms: {Error}; it made {Calls} calls, {InputTokens} input and {OutputTokens} output tokens, {CostUsd} USD for priced calls")]
    public static partial void RunFailed(
        ILogger logger, string pattern, string version, double wallMs, string error, int calls, long inputTokens, long outputTokens, decimal costUsd);

    [LoggerMessage(EventId = 4, EventName = "StageFailed", Level = LogLevel.Warning,
        Message = "Stage {Stage} of {Pattern} failed: {Error}")]
    public static partial void StageFailed(ILogger logger, string stage, string pattern, string error);

    [LoggerMessage(EventId = 5, EventName = "StageIssues", Level = LogLevel.Debug,
        Message = "Stage {Stage} of {Pattern} finished with {IssueCount} issue(s)")]
    public static partial void StageIssues(ILogger logger, string stage, string pattern, int issueCount);

    [LoggerMessage(EventId = 6, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "Call to {Model} for stage {Stage} failed on attempt {Attempt}: {Error}")]
    public static partial void CallFailed(ILogger logger, string model, string stage, int attempt, string error);

    [LoggerMessage(EventId = 7, EventName = "CallRetried", Level = LogLevel.Information,
        Message = "Call to {Model} for stage {Stage} succeeded on attempt {Attempt}")]
    public static partial void CallRetried(ILogger logger, string model, string stage, int attempt);

    [LoggerMessage(EventId = 8, EventName = "FallbackCalled", Level = LogLevel.Warning,
        Message = "Stage {Stage}: route {FallbackFrom} failed, so its fallback {Route} ({Model}) was called")]
    public static partial void FallbackCalled(ILogger logger, string stage, string fallbackFrom, string route, string model);

    [LoggerMessage(EventId = 9, EventName = "CassetteMissed", Level = LogLevel.Debug,
        Message = "The cassette held no answer for stage {Stage}, so {Model} was called and its answer added")]
    public static partial void CassetteMissed(ILogger logger, string stage, string model);

    [LoggerMessage(EventId = 10, EventName = "ReplayMissed", Level = LogLevel.Warning,
        Message = "Replay failed: {Error}")]
    public static partial void ReplayMissed(ILogger logger, string error);
}
