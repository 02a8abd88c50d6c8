using System.Diagnostics;
using PatternEngine.Execution;
using PatternEngine.Models.Calls;
using PatternEngine.Models.Recording;

namespace PatternEngine.Telemetry;

/// <summary>
/// Reports one model call from the record the measurement made of it, so that spans, metrics and the run record
/// agree figure for figure: the span gets the response's model, the usage and the engine's attributes; the
/// histograms and counters their values; the log the retries, fallbacks and cassette misses.
/// </summary>
internal static class CallTelemetry
{
    /// <summary>Reports a call; <paramref name="record"/> is null for a call made outside any run (nothing measured it).</summary>
    public static void Report(EngineTelemetry telemetry, Activity? span, CallRecord? record, string? pattern, Exception? error)
    {
        var errorType = error is not null ? ErrorTypes.Of(error) : record?.Error is not null ? ErrorTypes.Other : null;
        if (span is not null)
        {
            if (record is not null && span.IsAllDataRequested)
            {
                Describe(span, record, pattern, telemetry.CapturesMessageContent);
            }

            if (errorType is not null)
            {
                span.SetStatus(ActivityStatusCode.Error, error?.Message ?? record?.Error);
                span.SetTag(GenAIConventions.ErrorType, errorType);
            }
        }

        if (record is not null && pattern is not null)
        {
            Measure(telemetry.Route(record.Route), record, pattern, errorType);
            Log(telemetry, record, error);
        }
    }

    private static void Describe(Activity span, CallRecord record, string? pattern, bool withContent)
    {
        span.SetTag(GenAIConventions.ResponseModel, record.Model);
        if (record.UsageSource != UsageSource.None)
        {
            span.SetTag(GenAIConventions.UsageInputTokens, record.InputTokens);
            span.SetTag(GenAIConventions.UsageOutputTokens, record.OutputTokens);
            span.SetTag(GenAIConventions.UsageCacheReadInputTokens, record.CachedInputTokens);
        }

        if (record.FinishReason is { } finishReason)
        {
            span.SetTag(GenAIConventions.ResponseFinishReasons, new[] { finishReason });
        }

        span.SetTag(TelemetryAttributes.Pattern, pattern);
        span.SetTag(TelemetryAttributes.Stage, record.Stage);
        span.SetTag(TelemetryAttributes.CallAttempt, record.Attempt);
        span.SetTag(TelemetryAttributes.CallSource, record.Source);
        span.SetTag(TelemetryAttributes.CallCached, record.Cached);
        span.SetTag(TelemetryAttributes.CallFallbackFrom, record.FallbackFrom);
        span.SetTag(TelemetryAttributes.CallUsageSource, record.UsageSource);
        span.SetTag(TelemetryAttributes.CallLatencyMs, record.LatencyMs);
        span.SetTag(TelemetryAttributes.CostUsd, (double?)record.CostUsd);
        if (withContent)
        {
            span.SetTag(GenAIConventions.InputMessages, MessageContent.Input(record));
            span.SetTag(GenAIConventions.OutputMessages, MessageContent.Output(record));
        }
    }

    private static void Measure(RouteFacts route, CallRecord record, string pattern, string? errorType)
    {
        if (!EngineInstruments.CallsObserved)
        {
            return;
        }

        // At most eight tags, which a TagList holds inline: its copies below share nothing.
        var tags = new TagList
        {
            { GenAIConventions.OperationName, GenAIConventions.Chat },
            { GenAIConventions.RequestModel, route.Model },
            { GenAIConventions.ResponseModel, record.Model },
            { TelemetryAttributes.Pattern, pattern },
            { TelemetryAttributes.CallSource, record.Source },
        };
        if (route.ProviderName is { } provider)
        {
            tags.Add(GenAIConventions.ProviderName, provider);
        }

        if (EngineInstruments.TokenUsage.Enabled && record.UsageSource != UsageSource.None)
        {
            var input = tags;
            input.Add(GenAIConventions.TokenType, GenAIConventions.TokenTypeInput);
            EngineInstruments.TokenUsage.Record(record.InputTokens, input);
            var output = tags;
            output.Add(GenAIConventions.TokenType, GenAIConventions.TokenTypeOutput);
            EngineInstruments.TokenUsage.Record(record.OutputTokens, output);
        }

        if (record.CostUsd is { } cost)
        {
            EngineInstruments.Cost.Add((double)cost, tags);
        }

        if (errorType is not null)
        {
            tags.Add(GenAIConventions.ErrorType, errorType);
        }

        EngineInstruments.OperationDuration.Record(record.LatencyMs / 1000, tags);
        tags.Add(TelemetryAttributes.CallPriced, record.CostUsd is not null);
        EngineInstruments.Calls.Add(1, tags);
    }

    private static void Log(EngineTelemetry telemetry, CallRecord record, Exception? error)
    {
        var logger = telemetry.Logger;
        if (error is CassetteMissException miss)
        {
            EngineLog.ReplayMissed(logger, miss.Message);
        }
        else if (record.Error is { } failure)
        {
            EngineLog.CallFailed(logger, record.Model, record.Stage, record.Attempt, failure);
        }
        else if (record.Attempt > 1)
        {
            EngineLog.CallRetried(logger, record.Model, record.Stage, record.Attempt);
        }

        if (record.FallbackFrom is { } from && record.Attempt == 1)
        {
            EngineLog.FallbackCalled(logger, record.Stage, from, record.Route, record.Model);
        }

        if (telemetry.CachesCalls && record.Source == CallSource.Live && record.Error is null)
        {
            EngineLog.CassetteMissed(logger, record.Stage, record.Model);
        }
    }
}
