using PatternEngine.Bench;
using PatternEngine.Bench.Statistics;
using PatternEngine.Definitions;

namespace PatternEngine.Tests.Bench.Statistics;

public sealed class BenchSummarizerTests
{
    private const string Baseline = "direct";
    private const string Pattern = "cot";

    private static BenchSample Run(string pattern, string caseId, long tokens, double latencyMs = 100, decimal cost = 0, bool? correct = null, int cachedCalls = 0, string? error = null, int repeat = 0) => new()
    {
        Pattern = pattern,
        CaseId = caseId,
        Repeat = repeat,
        Calls = 1,
        CachedCalls = cachedCalls,
        InputTokens = tokens / 2,
        OutputTokens = tokens - (tokens / 2),
        CostUsd = cost,
        LatencyMs = latencyMs,
        Correct = correct,
        Error = error,
    };

    private static BenchPatternInfo Info(string name, ExpectedDeltas? expected = null) => new(name, "1.0.0", new string('a', 64), expected);

    private static PatternSummary Summarize(IEnumerable<BenchSample> samples, ExpectedDeltas? expected = null, int seed = 42) =>
        BenchSummarizer.Summarize(samples, Baseline, [Info(Baseline), Info(Pattern, expected)], seed).Single(s => s.Pattern == Pattern);

    // Cases of very different sizes, with some noise, for a realistic spread.
    private static IEnumerable<BenchSample> NoisyBench()
    {
        long[] sizes = [120, 900, 340, 60, 1500, 410, 230, 780];
        for (var c = 0; c < sizes.Length; c++)
        {
            for (var r = 0; r < 3; r++)
            {
                yield return Run(Baseline, $"c{c}", sizes[c] + (r * 7), latencyMs: 80 + (c * 13) + (r * 5), cost: sizes[c] / 1000m, correct: (c + r) % 3 != 0, repeat: r);
                yield return Run(Pattern, $"c{c}", (sizes[c] * (2 + (c % 3))) + (r * 11), latencyMs: 150 + (c * 29) + (r * 17), cost: sizes[c] / 400m, correct: (c + r) % 4 != 0, repeat: r);
            }
        }
    }

    [Fact]
    public void The_baseline_compared_with_itself_is_exactly_zero_with_a_zero_interval()
    {
        var baseline = BenchSummarizer.Summarize(NoisyBench(), Baseline, [Info(Pattern), Info(Baseline)], seed: 42)[0];

        Assert.True(baseline.IsBaseline);
        var deltas = new[] { baseline.Deltas.TokensPercent, baseline.Deltas.CostPercent, baseline.Deltas.LatencyP50Percent, baseline.Deltas.LatencyP95Percent, baseline.Deltas.AccuracyPoints };
        Assert.All(deltas, d => Assert.Equal(new DeltaEstimate(0, 0, 0), d));
    }

    [Fact]
    public void The_baseline_comes_first_and_the_others_keep_their_order()
    {
        var summaries = BenchSummarizer.Summarize(NoisyBench(), Baseline, [Info(Pattern), Info("unused"), Info(Baseline)], seed: 1);

        Assert.Equal([Baseline, Pattern, "unused"], summaries.Select(s => s.Pattern));
        Assert.Equal([true, false, false], summaries.Select(s => s.IsBaseline));
    }

    [Fact]
    public void Tokens_percent_is_the_ratio_of_mean_tokens_over_cases()
    {
        // Baseline means 100 and 300 (400 in all); the pattern's 150 and 300 (450): +12.5%.
        var summary = Summarize([Run(Baseline, "a", 100), Run(Baseline, "b", 300), Run(Pattern, "a", 150), Run(Pattern, "b", 300)]);

        Assert.Equal(12.5, summary.Deltas.TokensPercent!.Value, 9);
        Assert.Equal(225, summary.MeanTokens);
    }

    [Fact]
    public void Repeats_of_a_case_are_averaged_before_cases_are_compared()
    {
        // Case a: the pattern's repeats average 200 against the baseline's 100; case b has twice the repeats but the same weight.
        var summary = Summarize(
        [
            Run(Baseline, "a", 100), Run(Baseline, "b", 100), Run(Baseline, "b", 100, repeat: 1),
            Run(Pattern, "a", 100), Run(Pattern, "a", 300, repeat: 1), Run(Pattern, "b", 100), Run(Pattern, "b", 100, repeat: 1),
        ]);

        Assert.Equal(50, summary.Deltas.TokensPercent!.Value, 9);
    }

    [Fact]
    public void A_pattern_that_doubles_every_case_is_plus_a_hundred_percent_with_no_spread()
    {
        long[] sizes = [10, 5000, 80, 700];
        var samples = sizes.SelectMany((size, c) => new[] { Run(Baseline, $"c{c}", size), Run(Pattern, $"c{c}", size * 2) });

        var tokens = Summarize(samples).Deltas.TokensPercent!;

        Assert.Equal(100, tokens.Value, 9);
        Assert.Equal(100, tokens.Low, 9);
        Assert.Equal(100, tokens.High, 9);
    }

    [Fact]
    public void A_noisy_delta_has_an_interval_around_its_point()
    {
        var deltas = Summarize(NoisyBench()).Deltas;

        foreach (var delta in new[] { deltas.TokensPercent!, deltas.CostPercent!, deltas.LatencyP50Percent!, deltas.LatencyP95Percent! })
        {
            Assert.True(delta.Low < delta.Value && delta.Value < delta.High, $"{delta} should have the point inside a real interval");
        }

        Assert.InRange(deltas.AccuracyPoints!.Value, deltas.AccuracyPoints.Low, deltas.AccuracyPoints.High);
    }

    [Fact]
    public void The_same_seed_gives_the_same_summaries_whatever_order_the_runs_finished_in()
    {
        var samples = NoisyBench().ToArray();
        var infos = new[] { Info(Baseline), Info(Pattern) };

        var first = BenchSummarizer.Summarize(samples, Baseline, infos, seed: 42);
        var again = BenchSummarizer.Summarize(samples.Reverse(), Baseline, infos, seed: 42);
        var otherSeed = BenchSummarizer.Summarize(samples, Baseline, infos, seed: 43);

        Assert.Equal(first.AsEnumerable(), again.AsEnumerable());
        Assert.NotEqual(first[1].Deltas.TokensPercent, otherSeed[1].Deltas.TokensPercent);
        Assert.Equal(first[1].Deltas.TokensPercent!.Value, otherSeed[1].Deltas.TokensPercent!.Value);
    }

    [Fact]
    public void Cost_has_no_delta_when_the_baseline_cost_nothing()
    {
        var summary = Summarize([Run(Baseline, "a", 100), Run(Pattern, "a", 200, cost: 0.01m)]);

        Assert.Null(summary.Deltas.CostPercent);
        Assert.NotNull(summary.Deltas.TokensPercent);
        Assert.Equal(0.01, summary.MeanCostUsd, 12);
    }

    [Fact]
    public void Cost_percent_compares_mean_costs()
    {
        var summary = Summarize([Run(Baseline, "a", 1, cost: 0.002m), Run(Baseline, "b", 1, cost: 0.002m), Run(Pattern, "a", 1, cost: 0.003m), Run(Pattern, "b", 1, cost: 0.005m)]);

        Assert.Equal(100, summary.Deltas.CostPercent!.Value, 9);
    }

    [Fact]
    public void Cached_runs_are_counted_apart_and_left_out_of_latency()
    {
        var summary = Summarize(
        [
            Run(Baseline, "a", 100, latencyMs: 100), Run(Baseline, "b", 100, latencyMs: 100),
            Run(Pattern, "a", 100, latencyMs: 150), Run(Pattern, "b", 100, latencyMs: 1, cachedCalls: 1),
        ]);

        Assert.Equal(1, summary.CachedRuns);
        Assert.Equal(150, summary.LatencyP50Ms);
        Assert.Equal(50, summary.Deltas.LatencyP50Percent!.Value, 9);
        Assert.Equal(50, summary.Deltas.LatencyP95Percent!.Value, 9);
    }

    [Fact]
    public void A_pattern_whose_runs_were_all_cached_has_no_latency()
    {
        var summary = Summarize([Run(Baseline, "a", 100), Run(Pattern, "a", 100, cachedCalls: 2), Run(Pattern, "a", 100, cachedCalls: 1, repeat: 1)]);

        Assert.Equal(2, summary.CachedRuns);
        Assert.Null(summary.LatencyP50Ms);
        Assert.Null(summary.LatencyP95Ms);
        Assert.Null(summary.Deltas.LatencyP50Percent);
        Assert.Null(summary.Deltas.LatencyP95Percent);
        Assert.Equal(0, summary.Deltas.TokensPercent!.Value);
    }

    [Fact]
    public void Failed_runs_are_counted_and_left_out_of_latency_but_not_of_tokens()
    {
        var summary = Summarize(
        [
            Run(Baseline, "a", 100, latencyMs: 100),
            Run(Pattern, "a", 100, latencyMs: 200), Run(Pattern, "a", 300, latencyMs: 5, error: "model failed", repeat: 1),
        ]);

        Assert.Equal(1, summary.FailedRuns);
        Assert.Equal(200, summary.LatencyP50Ms);
        Assert.Equal(100, summary.Deltas.TokensPercent!.Value, 9);
    }

    [Fact]
    public void Accuracy_points_compare_the_shares_of_scored_runs_that_were_right()
    {
        var summary = Summarize(
        [
            Run(Baseline, "a", 1, correct: true), Run(Baseline, "b", 1, correct: false), Run(Baseline, "c", 1),
            Run(Pattern, "a", 1, correct: true), Run(Pattern, "b", 1, correct: true), Run(Pattern, "c", 1),
        ]);

        Assert.Equal(1.0, summary.Accuracy);
        Assert.Equal(50, summary.Deltas.AccuracyPoints!.Value, 9);
    }

    [Fact]
    public void Accuracy_has_no_delta_when_nothing_was_scored()
    {
        var summary = Summarize([Run(Baseline, "a", 1), Run(Pattern, "a", 1)]);

        Assert.Null(summary.Accuracy);
        Assert.Null(summary.Deltas.AccuracyPoints);
    }

    [Fact]
    public void Cases_one_side_did_not_run_are_left_out_of_the_deltas_but_not_of_the_means()
    {
        var summary = Summarize([Run(Baseline, "a", 100), Run(Baseline, "b", 1000), Run(Pattern, "a", 150), Run(Pattern, "c", 5000)]);

        Assert.Equal(50, summary.Deltas.TokensPercent!.Value, 9);
        Assert.Equal(2575, summary.MeanTokens);
    }

    [Fact]
    public void A_pattern_without_runs_is_summarized_without_deltas()
    {
        var summaries = BenchSummarizer.Summarize([Run(Baseline, "a", 100)], Baseline, [Info(Baseline), Info(Pattern)], seed: 1);

        var summary = summaries[1];
        Assert.Equal(0, summary.Runs);
        Assert.Equal(0, summary.MeanTokens);
        Assert.Equal(new PatternDeltas(), summary.Deltas);
    }

    [Fact]
    public void Counts_and_means_are_filled_in()
    {
        var summary = Summarize([Run(Baseline, "a", 100), Run(Pattern, "a", 100, cost: 0.5m) with { UnpricedCalls = 2 }, Run(Pattern, "b", 300, cost: 1.5m, repeat: 0)]);

        Assert.Equal(2, summary.Runs);
        Assert.Equal(200, summary.MeanTokens);
        Assert.Equal(1.0, summary.MeanCostUsd, 12);
        Assert.Equal(2, summary.UnpricedCalls);
        Assert.Equal("1.0.0", summary.Version);
        Assert.Equal(new string('a', 64), summary.FileHash);
    }

    [Theory]
    [InlineData(50, 150, ExpectedVerdict.Inside)]
    [InlineData(100, 150, ExpectedVerdict.Inside)]
    [InlineData(150, 300, ExpectedVerdict.Below)]
    [InlineData(0, 90, ExpectedVerdict.Above)]
    public void Tokens_are_judged_against_the_expected_range(double min, double max, ExpectedVerdict verdict)
    {
        var summary = Summarize([Run(Baseline, "a", 100), Run(Pattern, "a", 200)], new ExpectedDeltas { TokensPercent = new PercentRange(min, max) });

        Assert.Equal(verdict, summary.Deltas.TokensPercent!.Verdict);
    }

    [Fact]
    public void Latency_percentiles_are_judged_against_the_latency_range_and_cost_and_accuracy_against_none()
    {
        var expected = new ExpectedDeltas { TokensPercent = new PercentRange(0, 10), LatencyPercent = new PercentRange(40, 60) };

        var deltas = Summarize([Run(Baseline, "a", 100, latencyMs: 100, cost: 1, correct: true), Run(Pattern, "a", 100, latencyMs: 150, cost: 1, correct: true)], expected).Deltas;

        Assert.Equal(expected.LatencyPercent, deltas.LatencyP50Percent!.Expected);
        Assert.Equal(ExpectedVerdict.Inside, deltas.LatencyP50Percent.Verdict);
        Assert.Equal(ExpectedVerdict.Inside, deltas.LatencyP95Percent!.Verdict);
        Assert.Equal(ExpectedVerdict.NotStated, deltas.CostPercent!.Verdict);
        Assert.Equal(ExpectedVerdict.NotStated, deltas.AccuracyPoints!.Verdict);
    }

    [Fact]
    public void An_unknown_baseline_is_refused() =>
        Assert.Contains("the baseline 'nope'", Assert.Throws<ArgumentException>(() => BenchSummarizer.Summarize([], "nope", [Info(Baseline)], 1)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_sample_of_an_unlisted_pattern_is_refused() =>
        Assert.Contains("'ghost'", Assert.Throws<ArgumentException>(() => BenchSummarizer.Summarize([Run("ghost", "a", 1)], Baseline, [Info(Baseline)], 1)).Message, StringComparison.Ordinal);
}
