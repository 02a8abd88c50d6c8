namespace PatternEngine.Bench.History;

/// <summary>Percentiles by linear interpolation between the closest ranks (the common "type 7" definition).</summary>
internal static class Percentile
{
    /// <summary>The <paramref name="p"/>-th percentile (0 to 100) of <paramref name="sorted"/>; null when empty.</summary>
    public static double? Of(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = p / 100 * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }
}
