using PatternEngine.Bench.Statistics;

namespace PatternEngine.Bench.Metrics;

/// <summary>
/// Turns one pattern's runs into its <see cref="PatternMetrics"/>: each a ratio of sums over cases (a case's repeats
/// summed), with a 95% percentile interval from a bootstrap that draws cases, as the deltas' does.
/// </summary>
internal static class PatternMetricsEstimator
{
    public static PatternMetrics Estimate(IReadOnlyCollection<RunCounts> runs, int seed, int resamples)
    {
        // Cases in a fixed order (by id), so the seed draws the same resamples however the runs finished.
        var cases = runs.GroupBy(r => r.CaseId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        if (cases.Length == 0)
        {
            return new PatternMetrics();
        }

        var estimator = new Estimator(cases, seed, resamples);
        var latencies = new PooledLatencies([.. cases.Select(c => new CaseFigures(0, 0, [.. c.Where(r => r.Fresh).Select(r => r.LatencyMs)], 0, 0))]);
        return new PatternMetrics
        {
            Accuracy = estimator.Ratio(r => r.Correct == true ? 1 : 0, r => r.Correct is null ? 0 : 1),
            ErrorRate = estimator.Ratio(r => r.Failed ? 1 : 0, _ => 1),
            ToolErrorRate = estimator.Ratio(r => r.ToolErrors, r => r.ToolCalls),
            UnparsedAnswerRate = estimator.Ratio(r => r.UnparsedAnswers, r => r.Answers),
            RefineAcceptanceRate = estimator.Ratio(r => r.AcceptedDrafts, r => r.RefinedDrafts),
            RefineMeanRounds = estimator.Ratio(r => r.RefineRounds, r => r.RefinedDrafts),
            VoteAgreement = estimator.Ratio(r => r.AgreementSum, r => r.Votes),
            GuardDetectionRate = estimator.Ratio(r => r.Detected, r => r.HostileCases),
            GuardFalsePositiveRate = estimator.Ratio(r => r.FalsePositives, r => r.BenignCases),
            // A cost that leaves out unpriced calls is no cost to judge.
            CostUsd = runs.Any(r => r.Unpriced) ? null : estimator.Ratio(r => r.CostUsd, _ => 1),
            LatencyP95Ms = estimator.Statistic(draws => latencies.Of(Counts(draws, cases.Length), 95), runs.Count(r => r.Fresh)),
        };
    }

    private static int[] Counts(ReadOnlySpan<int> draws, int cases)
    {
        var counts = new int[cases];
        foreach (var i in draws)
        {
            counts[i]++;
        }

        return counts;
    }

    private sealed class Estimator(RunCounts[][] cases, int seed, int resamples)
    {
        private readonly int[] _all = [.. Enumerable.Range(0, cases.Length)];

        public MetricEstimate? Ratio(Func<RunCounts, double> numerator, Func<RunCounts, double> denominator)
        {
            var top = cases.Select(c => c.Sum(numerator)).ToArray();
            var bottom = cases.Select(c => c.Sum(denominator)).ToArray();
            return Statistic(draws => RatioOf(top, bottom, draws), (int)bottom.Sum());
        }

        public MetricEstimate? Statistic(ResampleStatistic statistic, int count)
        {
            if (count == 0 || statistic(_all) is not { } value)
            {
                return null;
            }

            var interval = PairedBootstrap.Interval(cases.Length, statistic, seed, resamples) ?? new ConfidenceInterval(value, value);
            return new MetricEstimate(value, interval.Low, interval.High, count);
        }

        private static double? RatioOf(double[] top, double[] bottom, ReadOnlySpan<int> draws)
        {
            var (sumTop, sumBottom) = (0.0, 0.0);
            foreach (var i in draws)
            {
                sumTop += top[i];
                sumBottom += bottom[i];
            }

            return sumBottom == 0 ? null : sumTop / sumBottom;
        }
    }
}
