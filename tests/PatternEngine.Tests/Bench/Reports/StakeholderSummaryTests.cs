using PatternEngine.Bench;
using PatternEngine.Bench.Metrics;
using PatternEngine.Bench.Reports.Summary;

namespace PatternEngine.Tests.Bench.Reports;

/// <summary>The stakeholder summary: business terms from measured figures, each with its interval, and no claimed difference the intervals cannot tell.</summary>
public sealed class StakeholderSummaryTests
{
    private static BenchReport Report(DeltaEstimate accuracyPoints) => new()
    {
        StartedAt = DateTimeOffset.UnixEpoch,
        Model = "m",
        Baseline = "baseline",
        GoldenFile = "golden.jsonl",
        Cases = 50,
        Repeats = 1,
        Patterns =
        [
            new PatternSummary
            {
                Pattern = "baseline", Version = "1", FileHash = "a", IsBaseline = true, Accuracy = 0.8, LatencyP50Ms = 800,
                Metrics = new PatternMetrics { CostUsd = new MetricEstimate(0.0001, 0.00009, 0.00011, 50) },
            },
            new PatternSummary
            {
                Pattern = "cheap", Version = "1", FileHash = "b", Accuracy = 0.75, LatencyP50Ms = 400,
                Metrics = new PatternMetrics { CostUsd = new MetricEstimate(0.000031, 0.000029, 0.000033, 50) },
                Deltas = new PatternDeltas
                {
                    LatencyP50Percent = new DeltaEstimate(-50, -60, -40),
                    CostPercent = new DeltaEstimate(-69, -71, -67),
                    AccuracyPoints = accuracyPoints,
                },
            },
        ],
        Samples = [],
    };

    [Fact]
    public void Each_distinguishable_difference_is_a_sentence_in_business_terms_with_its_interval()
    {
        var sentences = Assert.Single(StakeholderSummary.Sentences(Report(new DeltaEstimate(-5, -8, -2)))).Sentences;

        Assert.Equal(
        [
            "cheap takes 400 ms per request against 800 ms for baseline (0.5x [0.4x, 0.6x]), so one stream serves about 9,000 requests per hour instead of 4,500.",
            "cheap costs $0.0310 per 1,000 requests [$0.0290, $0.0330] against $0.100 for baseline (-69% [-71%, -67%]).",
            "A budget of $100.00 buys about 3,225,806 requests [3,030,303, 3,448,276] with cheap, against 1,000,000 [909,091, 1,111,111] with baseline.",
            "cheap is right 75% of the time against 80% for baseline: -5.0 points [-8.0 points, -2.0 points].",
            "cheap reaches 94% [90, 98] of baseline's accuracy at 31% [29, 33] of its cost.",
        ], sentences);
    }

    [Fact]
    public void A_difference_the_interval_cannot_tell_is_never_claimed()
    {
        var sentences = Assert.Single(StakeholderSummary.Sentences(Report(new DeltaEstimate(-4, -9, 1)))).Sentences;

        Assert.DoesNotContain(sentences, s => s.Contains("is right", StringComparison.Ordinal));
        Assert.Contains("cheap runs at 31% [29, 33] of baseline's cost, with no accuracy difference the bench can distinguish (95% [89, 101] of baseline's accuracy).", sentences);
        Assert.Equal("The bench cannot tell cheap from baseline on accuracy (-4.0 points [-9.0 points, +1.0 points]): each interval includes no change.", sentences[^1]);
    }

    [Fact]
    public void A_stated_budget_counts_its_requests_only_where_the_cost_differs_distinguishably()
    {
        var report = Report(new DeltaEstimate(-5, -8, -2));
        Assert.Contains("A budget of $10.00 buys about 322,581 requests [303,030, 344,828] with cheap, against 100,000 [90,909, 111,111] with baseline.", Assert.Single(StakeholderSummary.Sentences(report, budgetUsd: 10)).Sentences);

        var alike = report with { Patterns = [report.Patterns[0], report.Patterns[1] with { Deltas = report.Patterns[1].Deltas with { CostPercent = new DeltaEstimate(-3, -8, 2) } }] };
        Assert.DoesNotContain(Assert.Single(StakeholderSummary.Sentences(alike)).Sentences, s => s.Contains("budget", StringComparison.Ordinal));
        Assert.Throws<ArgumentOutOfRangeException>(() => StakeholderSummary.Sentences(report, budgetUsd: 0));
    }

    [Fact]
    public void The_markdown_page_says_what_was_measured_and_lists_the_sentences_per_pattern()
    {
        var markdown = StakeholderSummary.ToMarkdown(Report(new DeltaEstimate(-5, -8, -2)));

        Assert.StartsWith("# What the patterns buy and cost\n\nMeasured on 50 cases × 1 repeats with m, against **baseline**.", markdown, StringComparison.Ordinal);
        Assert.Contains("## cheap\n\n- cheap takes 400 ms per request", markdown, StringComparison.Ordinal);
    }
}
