using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Stages;

namespace PatternEngine.Telemetry;

/// <summary>
/// A run's and its stages' spans, the run metrics and the run and stage log events. The runner starts a run's span
/// before its stages and a stage's span when the stage starts (after the stages it reads), so that calls nest under
/// their stage and included patterns' runs under the stage that runs them. A span started here is the current
/// activity of the runner's async flow until it is finished there, which finds it as such: the runner keeps nothing
/// for telemetry across its awaits, so a run nobody watches costs no byte more. Warm-up runs report nothing.
/// </summary>
internal static class RunTelemetry
{
    private const string Finished = "finished";
    private const string Failed = "failed";
    private const string SpanRole = "pattern_engine.span";

    private static readonly object RunRole = "run";
    private static readonly object StageRole = "stage";

    [SuppressMessage("Design", "CA1031", Justification = "Telemetry must never break the run it reports.")]
    public static void StartRun(this EngineTelemetry telemetry, PatternDefinition pattern, int seed, bool nested)
    {
        if (WarmUpChatClient.IsWarmingUp)
        {
            return;
        }

        try
        {
            if (!nested)
            {
                EngineLog.RunStarted(telemetry.Logger, pattern.Name, pattern.Version, seed);
            }

            // The span's name is made only for a listener: a run nobody watches allocates nothing here.
            var span = PatternEngineTelemetry.Source.HasListeners() ? PatternEngineTelemetry.Source.StartActivity("run " + pattern.Name) : null;
            span?.SetCustomProperty(SpanRole, RunRole);
            if (span is { IsAllDataRequested: true })
            {
                span.SetTag(TelemetryAttributes.Pattern, pattern.Name);
                span.SetTag(TelemetryAttributes.PatternVersion, pattern.Version);
                span.SetTag(TelemetryAttributes.RunSeed, seed);
                if (nested)
                {
                    span.SetTag(TelemetryAttributes.RunNested, true);
                }
            }
        }
        catch (Exception)
        {
            // A listener or logger that fails loses this run's span or line; the run goes on.
        }
    }

    /// <summary>Ends a run's report: <paramref name="failure"/> is the run's error message when it failed, <paramref name="cause"/> what made it fail.</summary>
    [SuppressMessage("Design", "CA1031", Justification = "Telemetry must never break the run it reports.")]
    public static void RunFinished(this EngineTelemetry telemetry, RunRecord record, string? failure, Exception? cause, bool nested)
    {
        if (WarmUpChatClient.IsWarmingUp)
        {
            return;
        }

        var span = Current(RunRole);
        try
        {
            ReportRun(telemetry, span, record, failure, cause, nested);
        }
        catch (Exception)
        {
            // A span, metric or log line that could not be written is lost; the run and its record are not.
        }

        SpanEnd.Quietly(span);
    }

    [SuppressMessage("Design", "CA1031", Justification = "Telemetry must never break the run it reports.")]
    public static void StartStage(StageNode node, string qualifiedId)
    {
        if (WarmUpChatClient.IsWarmingUp || !PatternEngineTelemetry.Source.HasListeners())
        {
            return;
        }

        try
        {
            var span = PatternEngineTelemetry.Source.StartActivity("stage " + node.Id);
            span?.SetCustomProperty(SpanRole, StageRole);
            if (span is { IsAllDataRequested: true })
            {
                span.SetTag(TelemetryAttributes.Stage, qualifiedId);
                span.SetTag(TelemetryAttributes.StageKind, PatternPlan.KindName(node.Definition.Kind));
            }
        }
        catch (Exception)
        {
            // A listener that fails loses this stage's span; the stage goes on.
        }
    }

    /// <summary>
    /// Ends a stage's report. <paramref name="failure"/> is what made the stage fail on its own; a stage the run
    /// stopped (<paramref name="cancelled"/>) because another failed is marked, not logged as a failure.
    /// </summary>
    [SuppressMessage("Design", "CA1031", Justification = "Telemetry must never break the run it reports.")]
    public static void StageFinished(this EngineTelemetry telemetry, StageRecord record, string pattern, Exception? failure, bool cancelled)
    {
        if (WarmUpChatClient.IsWarmingUp)
        {
            return;
        }

        var span = Current(StageRole);
        try
        {
            ReportStage(telemetry, span, record, pattern, failure, cancelled);
        }
        catch (Exception)
        {
            // A span, metric or log line that could not be written is lost; the run and its record are not.
        }

        SpanEnd.Quietly(span);
    }

    // The span this class started in the calling async flow: what happens inside a stage or a run never changes the
    // flow's current activity as the runner sees it, so at its end the runner's current activity is its span.
    private static Activity? Current(object role) =>
        Activity.Current is { } span && span.Source == PatternEngineTelemetry.Source && span.GetCustomProperty(SpanRole) == role ? span : null;

    private static void ReportRun(EngineTelemetry telemetry, Activity? span, RunRecord record, string? failure, Exception? cause, bool nested)
    {
        var status = failure is null ? Finished : Failed;
        var totals = record.Totals;
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryAttributes.RunStatus, status);
            span.SetTag(TelemetryAttributes.Calls, totals.Calls);
            span.SetTag(TelemetryAttributes.CachedCalls, totals.CachedCalls);
            span.SetTag(TelemetryAttributes.InputTokens, totals.InputTokens);
            span.SetTag(TelemetryAttributes.OutputTokens, totals.OutputTokens);
            span.SetTag(TelemetryAttributes.CostUsd, (double)totals.CostUsd);
            span.SetTag(TelemetryAttributes.UnpricedCalls, totals.UnpricedCalls);
        }

        var errorType = cause is null ? null : ErrorTypes.Of(cause);
        if (failure is not null)
        {
            span?.SetStatus(ActivityStatusCode.Error, failure);
            span?.SetTag(GenAIConventions.ErrorType, errorType);
        }

        // An included pattern's run is part of the run that was started: counted, timed and logged with it.
        if (nested)
        {
            return;
        }

        if (EngineInstruments.RunsObserved)
        {
            var tags = new TagList { { TelemetryAttributes.Pattern, record.Pattern }, { TelemetryAttributes.RunStatus, status } };
            if (errorType is not null)
            {
                tags.Add(GenAIConventions.ErrorType, errorType);
            }

            EngineInstruments.Runs.Add(1, tags);
            EngineInstruments.RunDuration.Record(totals.WallMs / 1000, tags);
        }

        if (failure is null)
        {
            EngineLog.RunFinished(
                telemetry.Logger, record.Pattern, record.Version, totals.WallMs, totals.Calls, totals.CachedCalls, totals.InputTokens, totals.OutputTokens, totals.CostUsd, totals.UnpricedCalls);
        }
        else
        {
            EngineLog.RunFailed(telemetry.Logger, record.Pattern, record.Version, totals.WallMs, failure, totals.Calls, totals.InputTokens, totals.OutputTokens, totals.CostUsd);
        }
    }

    private static void ReportStage(EngineTelemetry telemetry, Activity? span, StageRecord record, string pattern, Exception? failure, bool cancelled)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryAttributes.StageSkipped, record.Skipped);
            span.SetTag(TelemetryAttributes.StageIssues, record.Issues.Length);
            span.SetTag(TelemetryAttributes.Calls, record.Calls);
            span.SetTag(TelemetryAttributes.InputTokens, record.InputTokens);
            span.SetTag(TelemetryAttributes.OutputTokens, record.OutputTokens);
        }

        if (failure is not null || cancelled)
        {
            span?.SetStatus(ActivityStatusCode.Error, cancelled ? "cancelled before it finished" : failure!.Message);
            span?.SetTag(GenAIConventions.ErrorType, cancelled ? "cancelled" : ErrorTypes.Of(failure!));
        }

        if (failure is not null && !cancelled)
        {
            EngineLog.StageFailed(telemetry.Logger, record.Id, pattern, failure.Message);
        }
        else if (record.Issues.Length > 0)
        {
            EngineLog.StageIssues(telemetry.Logger, record.Id, pattern, record.Issues.Length);
        }
    }
}
