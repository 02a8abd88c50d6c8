namespace PatternEngine.Bench.Statistics;

/// <summary>
/// The cases a pattern and the baseline both ran, side by side, and the deltas computed over any draw of them.
/// Every statistic treats both sides identically, so a pattern compared with itself gives exactly 0.
/// </summary>
internal sealed class PairedCases
{
    private readonly CaseFigures[] _pattern;
    private readonly CaseFigures[] _baseline;
    private readonly PooledLatencies _patternLatencies;
    private readonly PooledLatencies _baselineLatencies;

    public PairedCases(CaseFigures[] pattern, CaseFigures[] baseline)
    {
        _pattern = pattern;
        _baseline = baseline;
        _patternLatencies = new PooledLatencies(pattern);
        _baselineLatencies = new PooledLatencies(baseline);
        All = [.. Enumerable.Range(0, pattern.Length)];
    }

    public int Count => _pattern.Length;

    /// <summary>Every case once: the full sample the point estimates come from.</summary>
    public int[] All { get; }

    /// <summary>Ratio of mean tokens, in percent; null when the baseline used none.</summary>
    public double? TokensPercent(ReadOnlySpan<int> cases) => RatioPercent(Sum(_pattern, cases, c => c.Tokens), Sum(_baseline, cases, c => c.Tokens));

    /// <summary>Ratio of mean costs, in percent; null when the baseline cost nothing.</summary>
    public double? CostPercent(ReadOnlySpan<int> cases) => RatioPercent(Sum(_pattern, cases, c => c.CostUsd), Sum(_baseline, cases, c => c.CostUsd));

    /// <summary>Ratio of a latency percentile over the fresh runs of the cases, in percent; null when a side has none.</summary>
    public double? LatencyPercent(ReadOnlySpan<int> cases, double percentile)
    {
        var draws = new int[Count];
        foreach (var i in cases)
        {
            draws[i]++;
        }

        return _patternLatencies.Of(draws, percentile) is { } pattern && _baselineLatencies.Of(draws, percentile) is { } baseline
            ? RatioPercent(pattern, baseline)
            : null;
    }

    /// <summary>Difference in the share of scored runs that were right, in points; null when a side scored nothing.</summary>
    public double? AccuracyPoints(ReadOnlySpan<int> cases) =>
        AccuracyOf(_pattern, cases) is { } pattern && AccuracyOf(_baseline, cases) is { } baseline
            ? (pattern - baseline) * 100
            : null;

    // A ratio of sums over the same cases is the ratio of their means.
    private static double? RatioPercent(double pattern, double baseline) => baseline == 0 ? null : ((pattern / baseline) - 1) * 100;

    private static double Sum(CaseFigures[] side, ReadOnlySpan<int> cases, Func<CaseFigures, double> figure)
    {
        var sum = 0.0;
        foreach (var i in cases)
        {
            sum += figure(side[i]);
        }

        return sum;
    }

    private static double? AccuracyOf(CaseFigures[] side, ReadOnlySpan<int> cases)
    {
        var (scored, correct) = (0, 0);
        foreach (var i in cases)
        {
            scored += side[i].Scored;
            correct += side[i].Correct;
        }

        return scored == 0 ? null : (double)correct / scored;
    }
}
