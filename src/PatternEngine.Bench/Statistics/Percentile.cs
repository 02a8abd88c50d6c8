namespace PatternEngine.Bench.Statistics;

/// <summary>
/// Percentiles by linear interpolation between the closest ranks: Hyndman and Fan's type 7, the default of NumPy,
/// R and Excel's PERCENTILE.INC. The p-th percentile of n sorted values sits at rank (n − 1) × p / 100, from 0.
/// </summary>
public static class Percentile
{
    /// <summary>The <paramref name="percent"/>-th percentile (0 to 100) of the values, in any order.</summary>
    /// <exception cref="ArgumentException">There are no values, or one is NaN.</exception>
    public static double Of(IEnumerable<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        if (sorted.Any(double.IsNaN))
        {
            throw new ArgumentException("a percentile of values that include NaN is undefined", nameof(values));
        }

        Array.Sort(sorted);
        return OfSorted(sorted, percent);
    }

    /// <summary>The <paramref name="percent"/>-th percentile (0 to 100) of values already sorted in ascending order.</summary>
    /// <exception cref="ArgumentException">There are no values.</exception>
    public static double OfSorted(ReadOnlySpan<double> sorted, double percent)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("a percentile of no values is undefined", nameof(sorted));
        }

        if (percent is < 0 or > 100 || double.IsNaN(percent))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentile lies between 0 and 100");
        }

        var rank = (sorted.Length - 1) * percent / 100;
        var below = (int)Math.Floor(rank);
        if (below >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var fraction = rank - below;
        return sorted[below] + (fraction * (sorted[below + 1] - sorted[below]));
    }
}
