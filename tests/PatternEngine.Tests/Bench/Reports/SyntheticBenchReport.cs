using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Tests.Bench.Reports;

/// <summary>
/// A bench report made up for the report writers: the baseline and two patterns on three cases × two repeats.
/// chain-of-thought has every delta (one inside its expected range, one above, the rest without a range) and a
/// failed run; the hostile-named pattern ran entirely from cache, so it has no latency deltas. One golden line was skipped.
/// </summary>
internal static class SyntheticBenchReport
{
    public const string Hostile = "<script>alert(1)</script>";

    public const string FailedRunError = "model timed out [after 30 s] | <b>twice</b>\nsecond line";

    public static readonly string[] Cases = ["c1", "c2", "c3"];

    private static readonly int[] Repeats = [0, 1];

    /// <summary>The report, with the cached pattern's calls replayed from a cassette instead.</summary>
    public static BenchReport Replayed()
    {
        var report = Create();
        return report with { Samples = [.. report.Samples.Select(s => s with { ReplayedCalls = s.CachedCalls })] };
    }

    public static BenchReport Create() => new()
    {
        StartedAt = new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero),
        Model = "stories260K",
        ModelVersion = "sha256:4f2a",
        Baseline = "baseline",
        GoldenFile = "golden/qa.jsonl",
        Cases = 3,
        Repeats = 2,
        Seed = 42,
        BootstrapResamples = 2000,
        SkippedLines = [new GoldenLineError("golden/qa.jsonl", 4, "expected a JSON object, found '[1, 2]'")],
        Patterns =
        [
            new PatternSummary
            {
                Pattern = "baseline", Version = "1.0.0", FileHash = "aa11", IsBaseline = true, Runs = 6,
                MeanTokens = 100, MeanCostUsd = 0.000123, Accuracy = 0.5, LatencyP50Ms = 800, LatencyP95Ms = 1000,
            },
            new PatternSummary
            {
                Pattern = "chain-of-thought", Version = "1.2.0", FileHash = "bb22", Runs = 6, FailedRuns = 1,
                MeanTokens = 312.04, MeanCostUsd = 0.000384, Accuracy = 2 / 3.0, LatencyP50Ms = 2000.04, LatencyP95Ms = 2400, UnpricedCalls = 2,
                Deltas = new PatternDeltas
                {
                    TokensPercent = new DeltaEstimate(212.04, 180.4, 240.6, new PercentRange(200, 300)),
                    CostPercent = new DeltaEstimate(212.2, 179.9, 241.3),
                    LatencyP50Percent = new DeltaEstimate(150.005, 120.2, 190.7, new PercentRange(50, 100)),
                    LatencyP95Percent = new DeltaEstimate(140, 100.1, 180.2),
                    AccuracyPoints = new DeltaEstimate(16.67, 0, 33.33),
                },
            },
            new PatternSummary
            {
                Pattern = Hostile, Version = "0.1.0", FileHash = "cc33", Runs = 6, CachedRuns = 6,
                MeanTokens = 64.5, MeanCostUsd = 0.0000793, Accuracy = 0.45,
                Deltas = new PatternDeltas
                {
                    TokensPercent = new DeltaEstimate(-35.5, -40.25, -30.1, new PercentRange(-30, -10)),
                    CostPercent = new DeltaEstimate(-35.53, -40.2, -30.05),
                    AccuracyPoints = new DeltaEstimate(-5, -12.5, 2.5),
                },
            },
        ],
        Samples = [.. Samples("baseline", 800, cached: false), .. Samples("chain-of-thought", 2000, cached: false), .. Samples(Hostile, 300, cached: true)],
    };

    private static IEnumerable<BenchSample> Samples(string pattern, double latencyMs, bool cached) =>
        from @case in Cases.Select((id, i) => (Id: id, Index: i))
        from repeat in Repeats
        select new BenchSample
        {
            Pattern = pattern,
            CaseId = @case.Id,
            Repeat = repeat,
            Calls = 1,
            CachedCalls = cached ? 1 : 0,
            InputTokens = 40,
            OutputTokens = 60,
            CostUsd = 0.000123m,
            LatencyMs = latencyMs + (@case.Index * 100) + (repeat * 10),
            Answer = "Paris",
            Correct = @case.Index != 1,
            Error = pattern == "chain-of-thought" && @case.Id == "c2" && repeat == 1 ? FailedRunError : null,
            Stages =
            [
                new StageRecord
                {
                    Id = "answer", Kind = "prompt", Model = "stories260K", Calls = 1, InputTokens = 40, OutputTokens = 60,
                    LatencyMs = latencyMs, Output = StageValue.Of("Paris"),
                    CallRecords =
                    [
                        new CallRecord
                        {
                            Stage = "answer", Route = "default", Model = "stories260K", InputTokens = 40, OutputTokens = 60,
                            UsageSource = "tokenizer", LatencyMs = latencyMs,
                            Messages = [new SentMessage("user", "What is the capital of France? (a long prompt)")],
                            Response = "Paris, the capital (a long response)",
                        },
                    ],
                },
            ],
        };
}
