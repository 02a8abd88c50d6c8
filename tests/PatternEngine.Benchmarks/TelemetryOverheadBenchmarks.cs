using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using PatternEngine.Benchmarks.Support;
using PatternEngine.Compilation;
using PatternEngine.Execution;
using PatternEngine.Telemetry;

namespace PatternEngine.Benchmarks;

/// <summary>
/// What the engine's telemetry costs a run of the compiled baseline (one call, on a model that answers at once, the
/// share as large as it can be): with nobody listening (the default, and the figure
/// <see cref="PipelineOverheadBenchmarks"/> holds to), with a listener recording every span (a run's, its stage's,
/// its call's, with their attributes), and with one also taking every measurement of every instrument. The listeners
/// here do nothing with what they get, so the rows price the engine's side only: an exporter's work comes on top.
/// Listeners are process-wide, so each listening row starts its own in its setup (BenchmarkDotNet runs each row in a
/// process of its own). No target: a diagnosis of what turning telemetry on costs.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[Q1Column]
public class TelemetryOverheadBenchmarks : IDisposable
{
    private CompiledPattern? _baseline;
    private ActivityListener? _spans;
    private MeterListener? _metrics;

    [GlobalSetup(Target = nameof(NobodyListens))]
    public void Setup() =>
        _baseline = new PatternEngineBuilder().UseChatClient(FixedLatencyChatClient.Instant("Six sevens make 42.\nAnswer: 42")).Build().Compile(Repository.Load("baseline"));

    [GlobalSetup(Target = nameof(SpansRecorded))]
    public void SetupSpans()
    {
        Setup();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PatternEngineTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_spans);
    }

    [GlobalSetup(Target = nameof(SpansAndMetricsRecorded))]
    public void SetupSpansAndMetrics()
    {
        SetupSpans();
        _metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PatternEngineTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _metrics.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        _metrics.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        _metrics.Start();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _spans?.Dispose();
        _metrics?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "nobody listens")]
    public Task<RunRecord> NobodyListens() => _baseline!.RunAsync(Repository.Inputs);

    [Benchmark(Description = "spans recorded")]
    public Task<RunRecord> SpansRecorded() => _baseline!.RunAsync(Repository.Inputs);

    [Benchmark(Description = "spans and metrics recorded")]
    public Task<RunRecord> SpansAndMetricsRecorded() => _baseline!.RunAsync(Repository.Inputs);
}
