using System.Collections.Immutable;
using PatternEngine.Definitions;

namespace PatternEngine.Bench.Statistics;

/// <summary>
/// Turns a bench's samples into one summary per pattern: its means and latency percentiles, and its deltas against
/// the baseline with 95% intervals from a paired bootstrap over the cases both ran.
/// </summary>
/// <remarks>
/// Per case, a pattern's figures are averaged over its repeats. Tokens and cost deltas compare means over cases
/// (a ratio of means, failed runs included, since their calls were spent); latency deltas compare percentiles of the
/// fresh runs (neither cached nor failed) pooled over cases; the accuracy delta compares the shares of scored runs
/// that were right, in points. Point estimates come from the full sample, intervals from resamples of it. Cases that
/// only one side ran are left out of its deltas, not of its means.
/// </remarks>
public static class BenchSummarizer
{
    /// <summary>Summarizes the samples of every pattern; the baseline comes first, the others in the order given.</summary>
    /// <param name="samples">Every run of every pattern.</param>
    /// <param name="baselineName">The pattern the others are compared with.</param>
    /// <param name="patterns">Every benched pattern, the baseline among them.</param>
    /// <param name="seed">Seeds the bootstrap: the same seed and samples give the same intervals.</param>
    /// <param name="resamples">Bootstrap resamples behind each interval.</param>
    /// <exception cref="ArgumentException">The baseline is not among the patterns, a name appears twice, or a sample names an unknown pattern.</exception>
    public static ImmutableArray<PatternSummary> Summarize(
        IEnumerable<BenchSample> samples,
        string baselineName,
        IReadOnlyList<BenchPatternInfo> patterns,
        int seed,
        int resamples = PairedBootstrap.DefaultResamples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(baselineName);
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);

        var runs = ByPattern(samples, patterns);
        var baseline = patterns.FirstOrDefault(p => p.Name == baselineName)
            ?? throw new ArgumentException($"the baseline '{baselineName}' is not among the patterns", nameof(baselineName));
        var ordered = patterns.Where(p => p != baseline).Prepend(baseline);
        return [.. ordered.Select(p => Summarize(p, runs[p.Name], runs[baseline.Name], p == baseline, seed, resamples))];
    }

    private static Dictionary<string, BenchSample[]> ByPattern(IEnumerable<BenchSample> samples, IReadOnlyList<BenchPatternInfo> patterns)
    {
        var runs = new Dictionary<string, List<BenchSample>>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            if (!runs.TryAdd(pattern.Name, []))
            {
                throw new ArgumentException($"the pattern '{pattern.Name}' is listed twice", nameof(patterns));
            }
        }

        foreach (var sample in samples)
        {
            if (!runs.TryGetValue(sample.Pattern, out var list))
            {
                throw new ArgumentException($"a sample names the pattern '{sample.Pattern}', which is not among the patterns", nameof(samples));
            }

            list.Add(sample);
        }

        return runs.ToDictionary(r => r.Key, r => r.Value.ToArray(), StringComparer.Ordinal);
    }

    private static PatternSummary Summarize(BenchPatternInfo info, BenchSample[] runs, BenchSample[] baselineRuns, bool isBaseline, int seed, int resamples)
    {
        var fresh = runs.Where(CaseFigures.IsFresh).Select(s => s.LatencyMs).ToArray();
        var scored = runs.Where(s => s.Correct is not null).ToArray();
        return new PatternSummary
        {
            Pattern = info.Name,
            Version = info.Version,
            FileHash = info.FileHash,
            IsBaseline = isBaseline,
            Runs = runs.Length,
            FailedRuns = runs.Count(s => s.Error is not null),
            CachedRuns = runs.Count(s => s.Cached),
            MeanTokens = runs.Length == 0 ? 0 : runs.Average(s => (double)s.TotalTokens),
            MeanCostUsd = runs.Length == 0 ? 0 : (double)runs.Average(s => s.CostUsd),
            UnpricedCalls = runs.Sum(s => s.UnpricedCalls),
            Accuracy = scored.Length == 0 ? null : (double)scored.Count(s => s.Correct == true) / scored.Length,
            LatencyP50Ms = fresh.Length == 0 ? null : Percentile.Of(fresh, 50),
            LatencyP95Ms = fresh.Length == 0 ? null : Percentile.Of(fresh, 95),
            Metrics = Metrics.PatternMetricsEstimator.Estimate([.. runs.Select(Metrics.RunCounts.Of)], seed, resamples),
            Judge = Judging.JudgeFigures.Of(runs),
            // A cost that leaves out unpriced calls is no cost to compare: unknown on either side, no cost delta.
            Deltas = Deltas(Pair(runs, baselineRuns), info.Expected, seed, resamples) is var deltas && runs.Concat(baselineRuns).Any(s => s.UnpricedCalls > 0)
                ? deltas with { CostPercent = null }
                : deltas,
        };
    }

    // Cases in a fixed order (by id), so the seed draws the same resamples however the runs finished.
    private static PairedCases Pair(BenchSample[] runs, BenchSample[] baselineRuns)
    {
        var pattern = runs.GroupBy(s => s.CaseId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => CaseFigures.Of([.. g]), StringComparer.Ordinal);
        var baseline = baselineRuns.GroupBy(s => s.CaseId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => CaseFigures.Of([.. g]), StringComparer.Ordinal);
        var shared = pattern.Keys.Where(baseline.ContainsKey).Order(StringComparer.Ordinal).ToArray();
        return new PairedCases([.. shared.Select(id => pattern[id])], [.. shared.Select(id => baseline[id])]);
    }

    private static PatternDeltas Deltas(PairedCases cases, ExpectedDeltas? expected, int seed, int resamples) => cases.Count == 0 ? new() : new()
    {
        TokensPercent = Estimate(cases, cases.TokensPercent, expected?.TokensPercent, seed, resamples),
        CostPercent = Estimate(cases, cases.CostPercent, null, seed, resamples),
        LatencyP50Percent = Estimate(cases, c => cases.LatencyPercent(c, 50), expected?.LatencyPercent, seed, resamples),
        LatencyP95Percent = Estimate(cases, c => cases.LatencyPercent(c, 95), expected?.LatencyPercent, seed, resamples),
        AccuracyPoints = Estimate(cases, cases.AccuracyPoints, null, seed, resamples),
    };

    private static DeltaEstimate? Estimate(PairedCases cases, ResampleStatistic statistic, PercentRange? expected, int seed, int resamples)
    {
        if (statistic(cases.All) is not { } value)
        {
            return null;
        }

        // Every metric draws the same resamples (same seed, same cases), so its intervals are paired across metrics too.
        // Should no resample be computable (only possible with very few resamples), the interval is the point itself.
        var interval = PairedBootstrap.Interval(cases.Count, statistic, seed, resamples) ?? new ConfidenceInterval(value, value);
        return new DeltaEstimate(value, interval.Low, interval.High, expected);
    }
}
