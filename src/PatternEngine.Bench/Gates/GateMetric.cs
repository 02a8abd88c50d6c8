using System.Globalization;
using PatternEngine.Bench.Metrics;

namespace PatternEngine.Bench.Gates;

/// <summary>
/// What a gate threshold judges: which measured figure (a pattern's own, or its delta against the baseline), in which
/// direction, and how it is written. The names are <c>select</c>'s SLO names where they overlap.
/// </summary>
internal sealed class GateMetric
{
    private static readonly GateMetric[] All =
    [
        new("min_accuracy", "accuracy", minimum: true, p => p.Metrics.Accuracy, Share),
        new("min_accuracy_delta_points", "accuracy against the baseline", minimum: true, p => Of(p.Deltas.AccuracyPoints), v => Signed(v, " pts")),
        new("max_latency_p95_ms", "p95 latency", minimum: false, p => p.Metrics.LatencyP95Ms, v => v.ToString("0.#", CultureInfo.InvariantCulture) + " ms"),
        new("max_cost_usd", "cost per run", minimum: false, p => p.Metrics.CostUsd, Reports.BenchFormat.Cost),
        new("max_error_rate", "error rate", minimum: false, p => p.Metrics.ErrorRate, Share),
        new("max_tokens_delta_percent", "tokens against the baseline", minimum: false, p => Of(p.Deltas.TokensPercent), v => Signed(v, "%")),
        new("max_tool_error_rate", "tool-error rate", minimum: false, p => p.Metrics.ToolErrorRate, Share),
        new("max_unparsed_answer_rate", "unparsed-answer rate", minimum: false, p => p.Metrics.UnparsedAnswerRate, Share),
    ];

    private readonly Func<PatternSummary, MetricEstimate?> _select;

    private GateMetric(string name, string label, bool minimum, Func<PatternSummary, MetricEstimate?> select, Func<double, string> format)
    {
        Name = name;
        Label = label;
        IsMinimum = minimum;
        _select = select;
        Format = format;
    }

    /// <summary>Every threshold name, in the order results list them.</summary>
    public static IEnumerable<string> Names => All.Select(m => m.Name);

    public string Name { get; }

    public string Label { get; }

    /// <summary>Whether the figure must reach the limit (<c>min_</c>) rather than stay under it (<c>max_</c>).</summary>
    public bool IsMinimum { get; }

    public Func<double, string> Format { get; }

    public static GateMetric Named(string name) => All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"no gate threshold is named '{name}'", nameof(name));

    public static int Order(string name) => Array.FindIndex(All, m => m.Name == name);

    public MetricEstimate? Of(PatternSummary pattern) => _select(pattern);

    // A delta's interval is over the cases both ran; its count is theirs.
    private static MetricEstimate? Of(DeltaEstimate? delta) => delta is null ? null : new MetricEstimate(delta.Value, delta.Low, delta.High, 0);

    private static string Share(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Signed(double value, string unit) => value.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + unit;
}
