using System.Diagnostics.Metrics;

namespace PatternEngine.Telemetry;

/// <summary>
/// The engine's instruments, on <see cref="PatternEngineTelemetry.Meter"/>: the two GenAI client histograms per model
/// call, and the engine's own counts of runs, calls and cost. Each is fed only while a listener enables it.
/// </summary>
internal static class EngineInstruments
{
    /// <summary><c>gen_ai.client.token.usage</c>: input and output tokens per call (<c>gen_ai.token.type</c>).</summary>
    public static Histogram<long> TokenUsage { get; } = PatternEngineTelemetry.Meter.CreateHistogram(
        GenAIConventions.TokenUsageMetric, GenAIConventions.TokenUnit, "Input and output tokens of each model call",
        tags: null, new InstrumentAdvice<long> { HistogramBucketBoundaries = GenAIConventions.TokenBuckets });

    /// <summary><c>gen_ai.client.operation.duration</c>: each call's latency as its record keeps it, in seconds.</summary>
    public static Histogram<double> OperationDuration { get; } = PatternEngineTelemetry.Meter.CreateHistogram(
        GenAIConventions.OperationDurationMetric, GenAIConventions.SecondsUnit, "Duration of each model call",
        tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = GenAIConventions.DurationBuckets });

    /// <summary><c>pattern_engine.calls</c>: model calls, by model, source (live, cache, replay) and outcome.</summary>
    public static Counter<long> Calls { get; } = PatternEngineTelemetry.Meter.CreateCounter<long>(
        "pattern_engine.calls", "{call}", "Model calls, each attempt counted once");

    /// <summary><c>pattern_engine.cost</c>: US dollars of calls whose model has a price.</summary>
    public static Counter<double> Cost { get; } = PatternEngineTelemetry.Meter.CreateCounter<double>(
        "pattern_engine.cost", "USD", "Cost of the model calls whose model has a price, in US dollars");

    /// <summary><c>pattern_engine.runs</c>: runs started by a caller (included patterns' runs are part of theirs), by status.</summary>
    public static Counter<long> Runs { get; } = PatternEngineTelemetry.Meter.CreateCounter<long>(
        "pattern_engine.runs", "{run}", "Pattern runs, by how they ended");

    /// <summary><c>pattern_engine.run.duration</c>: a run's wall time, in seconds.</summary>
    public static Histogram<double> RunDuration { get; } = PatternEngineTelemetry.Meter.CreateHistogram(
        "pattern_engine.run.duration", GenAIConventions.SecondsUnit, "Wall time of each pattern run",
        tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = GenAIConventions.DurationBuckets });

    /// <summary>Whether any per-call instrument has a listener: when none has and no span is wanted, calls are not observed.</summary>
    public static bool CallsObserved => TokenUsage.Enabled || OperationDuration.Enabled || Calls.Enabled || Cost.Enabled;

    /// <summary>Whether any per-run instrument has a listener.</summary>
    public static bool RunsObserved => Runs.Enabled || RunDuration.Enabled;
}
