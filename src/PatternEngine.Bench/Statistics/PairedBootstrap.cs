namespace PatternEngine.Bench.Statistics;

/// <summary>A statistic of a resample: the indices of the cases drawn (with repeats), or null when it cannot be computed.</summary>
/// <param name="caseIndices">Indices into the paired cases, as many as there are cases; valid only during the call.</param>
public delegate double? ResampleStatistic(ReadOnlySpan<int> caseIndices);

/// <summary>
/// The paired bootstrap over cases: draw as many cases as there are, with replacement, compute the statistic on
/// both sides of the pair from the same draw, and repeat; the 2.5th and 97.5th percentiles of the results are the
/// 95% interval. Drawing cases, not runs, keeps each case's pattern and baseline figures together, so differences
/// between cases (some questions are long, some short) do not widen the interval of a difference.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>The resamples drawn unless told otherwise.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>
    /// The 95% percentile interval of <paramref name="statistic"/> over <paramref name="resamples"/> resamples of
    /// <paramref name="caseCount"/> cases, drawn by <see cref="Random"/> seeded with <paramref name="seed"/>: the same
    /// seed and case count draw the same resamples. Resamples whose statistic is null or not finite are left out;
    /// null when every one is.
    /// </summary>
    public static ConfidenceInterval? Interval(int caseCount, ResampleStatistic statistic, int seed, int resamples = DefaultResamples)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(caseCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);

        // Seeded System.Random keeps its sequence across .NET versions, which is what makes a seed reproducible.
        var random = new Random(seed);
        var indices = new int[caseCount];
        var values = new List<double>(resamples);
        for (var resample = 0; resample < resamples; resample++)
        {
            for (var i = 0; i < indices.Length; i++)
            {
                indices[i] = random.Next(caseCount);
            }

            if (statistic(indices) is { } value && double.IsFinite(value))
            {
                values.Add(value);
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var sorted = values.ToArray();
        return new ConfidenceInterval(Percentile.OfSorted(sorted, 2.5), Percentile.OfSorted(sorted, 97.5));
    }
}
