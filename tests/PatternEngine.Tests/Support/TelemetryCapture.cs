using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PatternEngine.Telemetry;

namespace PatternEngine.Tests.Support;

/// <summary>One figure of a metric: its attributes, and its sum and count (a counter's count is 0).</summary>
public sealed record MetricValue(IReadOnlyDictionary<string, object?> Tags, double Sum, long Count)
{
    public object? this[string tag] => Tags.GetValueOrDefault(tag);
}

/// <summary>
/// Listens to the engine's spans and metrics with the OpenTelemetry SDK and its in-memory exporters, as a user's
/// application would. The engine's source and meter are the library's, shared by every test running at the same
/// time: runs started in the test's async flow after this is made nest under a root span of its own, so its
/// <see cref="Spans()"/> are its trace's; metrics are told apart by the pattern's name (give each test its own).
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<Metric> _metrics = new();
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metering;
    private readonly Activity _root;

    public TelemetryCapture()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(PatternEngineTelemetry.ActivitySourceName).AddInMemoryExporter(_spans).Build();
        _metering = Sdk.CreateMeterProviderBuilder().AddMeter(PatternEngineTelemetry.MeterName).AddInMemoryExporter(_metrics).Build();
        _root = new Activity("telemetry test").SetIdFormat(ActivityIdFormat.W3C);
        _root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        _root.Start();
    }

    /// <summary>A pattern name no other test uses, so that this test's metrics are its own.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>The spans of this test's runs, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans()
    {
        _tracing.ForceFlush();
        return [.. _spans.Snapshot().Where(s => s.TraceId == _root.TraceId)];
    }

    /// <summary>The spans named <paramref name="name"/>.</summary>
    public IReadOnlyList<Activity> Spans(string name) => [.. Spans().Where(s => s.DisplayName == name)];

    /// <summary>The figures of metric <paramref name="name"/> whose <c>pattern_engine.pattern</c> is <paramref name="pattern"/>, as now collected.</summary>
    public IReadOnlyList<MetricValue> Values(string name, string pattern)
    {
        _metrics.Clear();
        _metering.ForceFlush();
        var values = new List<MetricValue>();
        foreach (var metric in _metrics.Snapshot().Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                if (Equals(tags.GetValueOrDefault(TelemetryAttributes.Pattern), pattern))
                {
                    values.Add(metric.MetricType switch
                    {
                        MetricType.Histogram => new MetricValue(tags, point.GetHistogramSum(), point.GetHistogramCount()),
                        MetricType.LongSum => new MetricValue(tags, point.GetSumLong(), 0),
                        MetricType.DoubleSum => new MetricValue(tags, point.GetSumDouble(), 0),
                        _ => throw new InvalidOperationException($"metric {name} is a {metric.MetricType}"),
                    });
                }
            }
        }

        return values;
    }

    public void Dispose()
    {
        _root.Stop();
        _tracing.Dispose();
        _metering.Dispose();
    }
}
