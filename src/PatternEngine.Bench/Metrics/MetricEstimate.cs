namespace PatternEngine.Bench.Metrics;

/// <summary>
/// A pattern's own figure on one metric (not a delta), with its 95% interval from a bootstrap over cases.
/// </summary>
/// <param name="Value">The figure over every run: a share from 0 to 1, a mean, dollars or milliseconds, as the metric says.</param>
/// <param name="Low">The interval's low end.</param>
/// <param name="High">The interval's high end.</param>
/// <param name="Count">What the figure is taken over: runs, tool calls, answers, refined drafts or votes.</param>
public sealed record MetricEstimate(double Value, double Low, double High, int Count)
{
    /// <summary>Half the interval's width on the side of <paramref name="threshold"/>: how far the interval reaches towards it.</summary>
    public double ReachTowards(double threshold) => threshold >= Value ? High - Value : Value - Low;
}
