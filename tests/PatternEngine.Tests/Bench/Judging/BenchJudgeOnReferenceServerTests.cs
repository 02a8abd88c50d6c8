using System.Text.Json.Nodes;
using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Judging;
using PatternEngine.Execution.Logging;
using PatternEngine.Library;
using PatternEngine.Tests.Support;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Bench.Judging;

/// <summary>
/// Judge-scored golden cases benched on the loopback reference server: the baseline answers sums (right 60% of the
/// time), and judges whose verdicts are known grade it (one exact, one wrong on a known share, one that answers prose,
/// one whose route fails).
/// </summary>
public sealed class BenchJudgeOnReferenceServerTests
{
    private const string Answerer = "answerer";

    private static readonly IReadOnlyList<ReferenceQuestion> Questions = ReferenceQuestion.Sums(30, seed: 11);

    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    private static readonly ReferenceModel[] Models =
    [
        new(Answerer) { Accuracy = 0.6, UsesTools = false },
        new("judge-exact") { Grading = new ReferenceGrading() },
        new("judge-flaky") { Grading = new ReferenceGrading(WrongShare: 0.3) },
        new("judge-prose") { Grading = new ReferenceGrading(Garbled: true) },
        new("judge-down") { Grading = new ReferenceGrading(), Faults = _ => ServerReply.Status(500) },
    ];

    // Each case is judged against its reference, and checked by containment against the same text.
    private static GoldenSet Golden() => GoldenFile.Parse(
        string.Join("\n", Questions.Select(q => new JsonObject
        {
            ["id"] = q.Id,
            ["inputs"] = new JsonObject { ["question"] = q.Text },
            ["scorer"] = "judge",
            ["reference"] = q.Answer,
            ["expected"] = q.Answer,
            ["check"] = "contains",
        }.ToJsonString())),
        "judged.jsonl");

    private static async Task<(BenchReport Report, ServerLog Log)> BenchAsync(string judgeModel, IRunLog? log = null)
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [.. Models], Questions = [.. Questions] });
        var routes = string.Join("\n", Models.Skip(1).Select(m => $"  {m.Name}: {{ provider: fake, model: {m.Name} }}"));
        using var engine = ReferenceProviders.Engine(ReferenceProviders.File(server, model: Answerer, models: routes, maxAttempts: 1));
        var baseline = new BenchEntry(engine.Compile(BuiltIns.Load(BuiltIns.Resolve("baseline"))), "baseline");
        var options = new BenchOptions { Resamples = 200, Warmup = false, Log = log, Judge = BenchJudge.Create(engine, judgeModel) };
        var report = await BenchRunner.RunAsync(baseline, [], Golden(), options);
        return (report, server.Log);
    }

    [Fact]
    public async Task An_exact_judge_agrees_with_the_check_on_every_run_and_its_calls_are_counted_apart_from_the_patterns()
    {
        var (report, log) = await BenchAsync("judge-exact");

        var summary = report.Patterns.Single();
        var judge = summary.Judge!;
        Assert.Equal((30, 0, 30), (judge.Judged, judge.Unscored, judge.Calls));
        var agreement = judge.Agreement!;
        Assert.Equal((1.0, 30), (agreement.Share.Value, agreement.Share.Count));
        Assert.Equal(1.0, agreement.Kappa!.Value, 9);
        Assert.True(agreement.Share.Low is > 0.85 and < 1, $"Wilson low end {agreement.Share.Low}");
        var right = log.For(Answerer).Count(e => e.Turn.Correct == true);
        Assert.InRange(right, 5, 25); // both kinds of verdict are in play, so kappa is defined
        Assert.Equal(right / 30.0, summary.Accuracy);
        Assert.Equal(right, agreement.BothRight);

        // The judge's tokens are its model's, the pattern's its own: neither holds the other's.
        var (judgeIn, judgeOut) = log.BilledTokens("judge-exact");
        var (patternIn, patternOut) = log.BilledTokens(Answerer);
        Assert.Equal((judgeIn, judgeOut), (judge.InputTokens, judge.OutputTokens));
        Assert.Equal(patternIn + patternOut, report.Samples.Sum(s => s.TotalTokens));
        Assert.Equal(30, report.Samples.Sum(s => s.Calls));
    }

    [Fact]
    public async Task A_judge_wrong_on_a_known_share_shows_exactly_that_disagreement()
    {
        var (report, log) = await BenchAsync("judge-flaky");

        var flipped = log.For("judge-flaky").Count(e => e.Turn.Kind == ReferenceGrading.FlippedKind);
        Assert.InRange(flipped, 3, 20);
        var agreement = report.Patterns.Single().Judge!.Agreement!;
        Assert.Equal(1 - (flipped / 30.0), agreement.Share.Value, 9);
        Assert.Equal(flipped, agreement.OnlyJudgeRight + agreement.OnlyCheckRight);
        Assert.True(agreement.Kappa < 1, $"kappa {agreement.Kappa}");
        Assert.True(agreement.Share.Low < agreement.Share.Value && agreement.Share.Value < agreement.Share.High);
    }

    [Fact]
    public async Task A_judge_answer_that_does_not_parse_leaves_the_run_unscored_and_the_patterns_figures_whole()
    {
        var (report, log) = await BenchAsync("judge-prose");

        var summary = report.Patterns.Single();
        Assert.Equal((30, 30), (summary.Judge!.Judged, summary.Judge.Unscored));
        Assert.Null(summary.Accuracy);
        Assert.Null(summary.Judge.Agreement);
        Assert.All(report.Samples, s => Assert.Contains("is no JSON object", s.Judge!.Unscored, StringComparison.Ordinal));
        var (patternIn, patternOut) = log.BilledTokens(Answerer);
        Assert.Equal(patternIn + patternOut, report.Samples.Sum(s => s.TotalTokens));
    }

    [Fact]
    public async Task A_judge_route_that_fails_leaves_the_runs_unscored_and_nothing_the_pattern_measured_is_lost()
    {
        var (report, log) = await BenchAsync("judge-down");

        var summary = report.Patterns.Single();
        Assert.Equal((30, 30, 0), (summary.Judge!.Unscored, summary.Runs, summary.FailedRuns));
        Assert.All(report.Samples, s => Assert.StartsWith("the judge's run failed", s.Judge!.Unscored, StringComparison.Ordinal));
        var (patternIn, patternOut) = log.BilledTokens(Answerer);
        Assert.Equal(patternIn + patternOut, report.Samples.Sum(s => s.TotalTokens));
        Assert.NotNull(summary.LatencyP50Ms);
    }

    [Fact]
    public async Task The_log_marks_the_judges_calls_and_runs_and_keeps_them_out_of_the_patterns_lines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"judge-log-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var log = new JsonLinesRunLog(path))
            {
                await BenchAsync("judge-exact", log);
            }

            var lines = File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            var judgeRuns = lines.Where(l => (string?)l["type"] == "run" && (string?)l["pattern"] == BenchJudge.PatternName).ToList();
            Assert.Equal(30, judgeRuns.Count);
            Assert.Equal(30, lines.Count(l => (string?)l["type"] == "call" && (string?)l["pattern"] == BenchJudge.PatternName));
            Assert.All(judgeRuns, r => Assert.Equal("baseline", (string?)r["labels"]!["judge_of"]));
            Assert.All(judgeRuns, r => Assert.Null(r["labels"]!["case_id"]));
            Assert.Equal(
                judgeRuns.Select(r => (string?)r["labels"]!["judged_case"]).Order(StringComparer.Ordinal),
                Questions.Select(q => (string?)q.Id).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_bench_with_judge_cases_and_no_judge_names_each_case_at_its_line_before_any_run()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [.. Models], Questions = [.. Questions] });
        using var engine = ReferenceProviders.Engine(ReferenceProviders.File(server, model: Answerer));
        var baseline = new BenchEntry(engine.Compile(BuiltIns.Load(BuiltIns.Resolve("baseline"))), "baseline");

        var error = await Assert.ThrowsAsync<BenchInputException>(() => BenchRunner.RunAsync(baseline, [], Golden(), new BenchOptions { Warmup = false }));

        Assert.StartsWith("judged.jsonl:1: case 'q1' (and 29 more judge-scored cases)", Assert.Single(error.Diagnostics).ToString(), StringComparison.Ordinal);
        Assert.Contains("--judge-model", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
