using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Tests.Bench.History;

/// <summary>
/// A small bench report with known figures: the patterns <c>baseline</c> and <c>self-check</c> on two cases, on
/// <see cref="Model"/>, with one judge call, one failed call and one cached run. <c>scale</c> multiplies the summary
/// figures and the model's latencies, so two benches differ by a known ratio.
/// </summary>
internal static class SyntheticBench
{
    public const string Model = "tiny-model";

    public const string Judge = "judge-model";

    public static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 30, 0, TimeSpan.FromHours(1));

    public static BenchReport Report(DateTimeOffset startedAt, string model = Model, string? modelVersion = "sha256-abcdef0123456789", double scale = 1.0) => new()
    {
        StartedAt = startedAt,
        Model = model,
        ModelVersion = modelVersion,
        Baseline = "baseline",
        GoldenFile = "golden/demo.jsonl",
        Cases = 2,
        Repeats = 1,
        Seed = 7,
        BootstrapResamples = 1000,
        SkippedLines = [new GoldenLineError("golden/demo.jsonl", 3, "not JSON")],
        Patterns =
        [
            new PatternSummary
            {
                Pattern = "baseline", Version = "1.0.0", FileHash = "0123456789abcdef" + new string('0', 48), IsBaseline = true,
                Runs = 2, CachedRuns = 1, MeanTokens = 22.5 * scale, MeanCostUsd = 0.0015 * scale, Accuracy = 0.5,
                LatencyP50Ms = 100 * scale, LatencyP95Ms = 100 * scale,
            },
            new PatternSummary
            {
                Pattern = "self-check", Version = "2.1.0", FileHash = "fedcba9876543210" + new string('1', 48),
                Runs = 2, FailedRuns = 1, MeanTokens = 45 * scale, MeanCostUsd = 0.00025 * scale, UnpricedCalls = 2,
                Accuracy = 1.0, LatencyP50Ms = 350 * scale, LatencyP95Ms = 395 * scale,
                Deltas = new PatternDeltas
                {
                    TokensPercent = new DeltaEstimate(100 * scale, 80.5, 120.25, new PercentRange(-50, -10)),
                    CostPercent = new DeltaEstimate(-83.3, -90, -70),
                    LatencyP50Percent = new DeltaEstimate(250, 200, 300),
                    AccuracyPoints = new DeltaEstimate(50, 0, 100, new PercentRange(0, 60)),
                },
            },
        ],
        Samples =
        [
            Sample("baseline", "c1", correct: true, Stage("answer", "prompt", Call("answer", model, 10, 5, 0.001m, 100 * scale))),
            Sample("baseline", "c2", correct: false, Stage("answer", "prompt", Call("answer", model, 20, 10, 0.002m, 200 * scale))) with { CachedCalls = 1 },
            Sample("self-check", "c1", correct: true,
                Stage("draft", "prompt", Call("draft", model, 30, 15, null, 300 * scale)),
                Stage("check", "judge", Call("check", Judge, 5, 1, 0.0005m, 50) with { Route = "judge" })),
            Sample("self-check", "c2", correct: null,
                Stage("draft", "prompt", Call("draft", model, 0, 0, null, 400 * scale) with { Error = "timed out" })) with { Error = "draft: timed out" },
        ],
    };

    private static BenchSample Sample(string pattern, string caseId, bool? correct, params StageRecord[] stages) => new()
    {
        Pattern = pattern,
        CaseId = caseId,
        Calls = stages.Sum(s => s.Calls),
        InputTokens = stages.Sum(s => s.InputTokens),
        OutputTokens = stages.Sum(s => s.OutputTokens),
        CostUsd = stages.Sum(s => s.CostUsd),
        UnpricedCalls = stages.Sum(s => s.UnpricedCalls),
        LatencyMs = stages.Sum(s => s.LatencyMs),
        Answer = caseId + " answer",
        Correct = correct,
        Stages = [.. stages],
    };

    private static StageRecord Stage(string id, string kind, CallRecord call) => new()
    {
        Id = id,
        Kind = kind,
        Model = call.Model,
        Calls = 1,
        InputTokens = call.InputTokens,
        OutputTokens = call.OutputTokens,
        CostUsd = call.CostUsd ?? 0,
        UnpricedCalls = call.CostUsd is null ? 1 : 0,
        LatencyMs = call.LatencyMs + 1,
        Output = StageValue.Of("text"),
        Issues = call.Error is null ? [] : ["call failed"],
        CallRecords = [call],
    };

    private static CallRecord Call(string stage, string model, long input, long output, decimal? cost, double latency) => new()
    {
        Stage = stage,
        Route = "default",
        Model = model,
        InputTokens = input,
        OutputTokens = output,
        UsageSource = "provider",
        CostUsd = cost,
        LatencyMs = latency,
        FinishReason = "stop",
        Messages = [new SentMessage("user", "question")],
        Response = "text",
    };
}
