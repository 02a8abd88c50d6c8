using System.Globalization;
using PatternEngine.Bench.Metrics;
using PatternEngine.Definitions;

namespace PatternEngine.Bench.Gates;

/// <summary>One threshold judged on one pattern's measured interval.</summary>
public sealed record GateResult
{
    /// <summary>The pattern judged.</summary>
    public required string Pattern { get; init; }

    /// <summary>The threshold's name (<c>min_accuracy</c>, …).</summary>
    public required string Threshold { get; init; }

    /// <summary>The threshold's limit.</summary>
    public required double Limit { get; init; }

    /// <summary>The measured figure and its 95% interval; null when not measured.</summary>
    public MetricEstimate? Measured { get; init; }

    /// <summary>The verdict.</summary>
    public required GateVerdict Verdict { get; init; }

    /// <summary>
    /// For an inconclusive verdict, an estimate of the cases a bench would likely need to settle it:
    /// <c>n0 × (reach / margin)²</c>, with n0 the cases run, reach how far the interval reaches from the figure towards
    /// the limit, and margin the figure's distance from the limit (an interval narrows as 1/√n). Null otherwise, or
    /// when the figure sits on the limit.
    /// </summary>
    public int? CasesToSettle { get; init; }

    /// <summary>Where the gate file states the threshold.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>One line for people: what was measured, against what, and the verdict.</summary>
    public required string Message { get; init; }

    /// <summary>Whether this result fails the gates under <paramref name="inconclusive"/>.</summary>
    public bool Fails(InconclusiveGates inconclusive) =>
        Verdict == GateVerdict.Fail || (inconclusive == InconclusiveGates.Fail && Verdict is GateVerdict.Inconclusive or GateVerdict.NotMeasured);

    internal static GateResult Judge(string pattern, GateThreshold threshold, MetricEstimate? measured, int cases)
    {
        var metric = GateMetric.Named(threshold.Name);
        var limit = threshold.Limit;
        var relation = metric.IsMinimum ? ">=" : "<=";
        var stated = $"{pattern}: {threshold.Name} {relation} {metric.Format(limit)}";
        if (measured is null)
        {
            return new GateResult
            {
                Pattern = pattern, Threshold = threshold.Name, Limit = limit, Verdict = GateVerdict.NotMeasured, Location = threshold.Location,
                Message = $"{stated}: not measured (the bench has no {metric.Label} to judge)",
            };
        }

        var (low, high) = (measured.Low, measured.High);
        var verdict = metric.IsMinimum
            ? low >= limit ? GateVerdict.Pass : high < limit ? GateVerdict.Fail : GateVerdict.Inconclusive
            : high <= limit ? GateVerdict.Pass : low > limit ? GateVerdict.Fail : GateVerdict.Inconclusive;
        var figure = $"{metric.Label} {metric.Format(measured.Value)} [{metric.Format(low)}, {metric.Format(high)}]";
        int? settle = verdict == GateVerdict.Inconclusive ? CasesToSettleOf(measured, limit, cases) : null;
        var message = verdict switch
        {
            GateVerdict.Pass => $"{stated}: pass, {figure} lies wholly on the right side",
            GateVerdict.Fail => $"{stated}: FAIL, {figure} lies wholly on the wrong side",
            _ => $"{stated}: inconclusive, {figure} straddles the limit; " + (settle is { } n
                ? string.Create(CultureInfo.InvariantCulture, $"about {n:N0} cases would likely settle it (an estimate from the interval's width)")
                : "the figure sits on the limit, so no number of cases is likely to settle it"),
        };
        return new GateResult
        {
            Pattern = pattern, Threshold = threshold.Name, Limit = limit, Measured = measured, Verdict = verdict,
            CasesToSettle = settle, Location = threshold.Location, Message = message,
        };
    }

    private static int? CasesToSettleOf(MetricEstimate measured, double limit, int cases)
    {
        var margin = Math.Abs(measured.Value - limit);
        var reach = measured.ReachTowards(limit);
        if (margin == 0 || cases <= 0 || !double.IsFinite(reach))
        {
            return null;
        }

        var needed = Math.Ceiling(cases * Math.Pow(reach / margin, 2));
        return needed >= int.MaxValue ? null : Math.Max(cases + 1, (int)needed);
    }
}
