namespace PatternEngine.Bench.Statistics;

/// <summary>
/// One side's fresh latencies, sorted once, from which the percentile of any resample's pooled runs is read in one
/// pass: a case drawn k times weighs k. The same as sorting the resample's pooled runs, without sorting per resample.
/// </summary>
internal sealed class PooledLatencies
{
    private readonly (double Ms, int Case)[] _sorted;

    public PooledLatencies(CaseFigures[] cases)
    {
        _sorted = [.. cases.SelectMany((figures, i) => figures.FreshLatenciesMs.Select(ms => (ms, i))).OrderBy(run => run.ms)];
    }

    /// <summary>The percentile (type 7, as <see cref="Percentile"/>) of the runs of the drawn cases; null when they have none.</summary>
    /// <param name="draws">How many times each case was drawn.</param>
    /// <param name="percent">The percentile, 0 to 100.</param>
    public double? Of(ReadOnlySpan<int> draws, double percent)
    {
        long total = 0;
        foreach (var run in _sorted)
        {
            total += draws[run.Case];
        }

        if (total == 0)
        {
            return null;
        }

        var rank = (total - 1) * percent / 100;
        var below = (long)Math.Floor(rank);
        var above = Math.Min(below + 1, total - 1);
        var low = At(draws, below);
        return low + ((rank - below) * (At(draws, above) - low));
    }

    // The value at a position of the pooled, sorted runs: each run repeated as often as its case was drawn.
    private double At(ReadOnlySpan<int> draws, long position)
    {
        long seen = 0;
        foreach (var run in _sorted)
        {
            seen += draws[run.Case];
            if (seen > position)
            {
                return run.Ms;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(position), position, "past the last run");
    }
}
