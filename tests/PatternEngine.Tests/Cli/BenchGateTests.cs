using System.Text.Json.Nodes;
using System.Xml.Linq;
using PatternEngine.Bench.Metrics;
using PatternEngine.Bench.Reports.CiResults;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary>
/// <c>patterns bench --gate</c> end to end on the reference server, whose models' accuracy is known: a regression the
/// intervals prove fails the run (exit 3), one they cannot prove passes, and JUnit, TRX and the log are written.
/// </summary>
public sealed class BenchGateTests : IDisposable
{
    private const string Gates = """
        gates:
          - pattern: baseline
            min_accuracy: 0.8
            max_error_rate: 0.05
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string PathOf(string name) => Path.Combine(_dir.Path, name);

    private async Task<CliResult> BenchAsync(string model, int cases, string gates, params string[] more)
    {
        var questions = ReferenceQuestion.Sums(cases);
        await using var server = await ReferenceServer.StartAsync(new ServerConfig
        {
            Models = [new ReferenceModel("good") { Accuracy = 1 }, new ReferenceModel("bad") { Accuracy = 0.3 }, new ReferenceModel("half") { Accuracy = 0.8 }],
            Questions = [.. questions],
        });
        return await CliHarness.RunAsync([
            "bench", "-p", "baseline", "-g", _dir.Write("golden.jsonl", ReferenceQuestion.Golden(questions)),
            "--providers", _dir.Write("providers.yaml", ReferenceProviders.Yaml(server, maxAttempts: 1, model: model, keyVariable: null)),
            "--gate", _dir.Write("gates.yaml", gates), "--resamples", "500", "--no-history",
            "--junit", PathOf("bench.junit.xml"), "--trx", PathOf("bench.trx"), .. more]);
    }

    [Fact]
    public async Task A_model_that_meets_its_gates_passes_and_writes_junit_and_trx_with_a_test_per_pattern_and_per_threshold()
    {
        var result = await BenchAsync("good", 30, Gates, "--summary", PathOf("summary.md"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("# What the patterns buy and cost\n\nMeasured on 30 cases", File.ReadAllText(PathOf("summary.md")), StringComparison.Ordinal);
        Assert.Contains("gates passed", result.Out, StringComparison.Ordinal);
        var junit = XDocument.Load(PathOf("bench.junit.xml"));
        var cases = junit.Descendants("testcase").ToList();
        Assert.Equal(["patterns/baseline", "gates.baseline/min_accuracy", "gates.baseline/max_error_rate"], cases.Select(c => $"{c.Attribute("classname")!.Value}/{c.Attribute("name")!.Value}"));
        Assert.Empty(junit.Descendants("failure"));
        Assert.Equal("3", junit.Root!.Attribute("tests")!.Value);

        var trx = XDocument.Load(PathOf("bench.trx"));
        XNamespace ns = BenchTrx.Namespace;
        Assert.Equal("TestRun", trx.Root!.Name.LocalName);
        Assert.Equal(ns, trx.Root.Name.Namespace);
        var results = trx.Root.Element(ns + "Results")!.Elements(ns + "UnitTestResult").ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal("Passed", r.Attribute("outcome")!.Value));
        var definitions = trx.Root.Element(ns + "TestDefinitions")!.Elements(ns + "UnitTest").Select(u => u.Attribute("id")!.Value).ToHashSet();
        Assert.All(results, r => Assert.Contains(r.Attribute("testId")!.Value, definitions)); // every result has its definition
        Assert.Equal("3", trx.Root.Element(ns + "ResultSummary")!.Element(ns + "Counters")!.Attribute("passed")!.Value);
    }

    [Fact]
    public async Task A_regression_the_interval_proves_exits_3_with_the_failing_threshold_and_its_files_written()
    {
        var result = await BenchAsync("bad", 30, Gates);

        Assert.True(result.ExitCode == 3, result.ToString());
        var error = CliHarness.AssertOneErrorLine(result);
        Assert.Contains("baseline: min_accuracy >= 0.8: FAIL, accuracy", error, StringComparison.Ordinal);
        var failure = Assert.Single(XDocument.Load(PathOf("bench.junit.xml")).Descendants("failure"));
        Assert.Equal("min_accuracy", failure.Parent!.Attribute("name")!.Value);
        XNamespace ns = BenchTrx.Namespace;
        var trx = XDocument.Load(PathOf("bench.trx"));
        Assert.Equal("Failed", trx.Root!.Element(ns + "ResultSummary")!.Attribute("outcome")!.Value);
    }

    [Fact]
    public async Task A_miss_the_interval_cannot_prove_passes_by_default_and_fails_when_inconclusive_counts_as_failure()
    {
        // Ten cases of a model right 80% of the time: the interval is far wider than the distance to a limit of 0.75.
        const string gate = "gates:\n  - pattern: baseline\n    min_accuracy: 0.75\n";

        var lenient = await BenchAsync("half", 10, gate);

        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Equal("skipped", Assert.Single(XDocument.Load(PathOf("bench.junit.xml")).Descendants("testcase"), c => c.Attribute("name")!.Value == "min_accuracy").Elements().First().Name.LocalName);
        Assert.Contains("inconclusive", lenient.Out, StringComparison.Ordinal);
        Assert.Contains("cases would likely settle it (an estimate from the interval's width)", string.Join(' ', lenient.Out.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        var strict = await BenchAsync("half", 10, gate, "--gate-inconclusive", "fail");
        Assert.True(strict.ExitCode == 3, strict.ToString());
    }

    [Fact]
    public async Task A_gate_file_that_does_not_fit_exits_2_at_its_line_before_any_call()
    {
        var result = await BenchAsync("good", 3, "gates:\n  - pattern: chain-of-thought\n    min_accuracy: 0.8\n");

        CliHarness.AssertInvalidInput(result);
        Assert.StartsWith("gates.yaml:2:5: the gate names the pattern 'chain-of-thought'", Path.GetFileName(Assert.Single(result.ErrorLines)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checklist_metrics_of_the_report_are_computed_again_from_the_log_alone()
    {
        var result = await BenchAsync("bad", 20, Gates, "--log", PathOf("bench.log"), "--json", PathOf("bench.json"));
        Assert.True(result.ExitCode == 3, result.ToString());

        var fromLog = BenchLogMetrics.Compute(File.ReadLines(PathOf("bench.log")), seed: 42, resamples: 500)["baseline"];

        var reported = JsonNode.Parse(File.ReadAllText(PathOf("bench.json")))!["patterns"]![0]!["metrics"]!;
        AssertSame(reported["accuracy"], fromLog.Accuracy);
        AssertSame(reported["error_rate"], fromLog.ErrorRate);
        AssertSame(reported["unparsed_answer_rate"], fromLog.UnparsedAnswerRate);
        Assert.True(fromLog.Accuracy!.Value < 0.8, "the bad model should be wrong often");
    }

    [Fact]
    public async Task Tool_refine_and_vote_metrics_are_computed_again_from_the_log_alone()
    {
        var questions = ReferenceQuestion.Sums(6);
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("m") { Accuracy = 0.7 }], Questions = [.. questions] });
        var result = await CliHarness.RunAsync([
            "bench", "-p", "self-consistency,tool-calling-reflex,self-critique", "-g", _dir.Write("golden.jsonl", ReferenceQuestion.Golden(questions)),
            "--providers", _dir.Write("providers.yaml", ReferenceProviders.Yaml(server, maxAttempts: 1, model: "m", keyVariable: null)),
            "--resamples", "300", "--no-history", "--max-error-rate", "1", "--log", PathOf("bench.log"), "--json", PathOf("bench.json")]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var fromLog = BenchLogMetrics.Compute(File.ReadLines(PathOf("bench.log")), seed: 42, resamples: 300);

        var reported = JsonNode.Parse(File.ReadAllText(PathOf("bench.json")))!["patterns"]!.AsArray().ToDictionary(p => (string)p!["pattern"]!, p => p!["metrics"]!);
        AssertSame(reported["self-consistency"]["vote_agreement"], fromLog["self-consistency"].VoteAgreement);
        AssertSame(reported["tool-calling-reflex"]["tool_error_rate"], fromLog["tool-calling-reflex"].ToolErrorRate);
        AssertSame(reported["self-critique"]["refine_acceptance_rate"], fromLog["self-critique"].RefineAcceptanceRate);
        AssertSame(reported["self-critique"]["refine_mean_rounds"], fromLog["self-critique"].RefineMeanRounds);
        foreach (var (pattern, metrics) in fromLog)
        {
            AssertSame(reported[pattern]["accuracy"], metrics.Accuracy);
            AssertSame(reported[pattern]["unparsed_answer_rate"], metrics.UnparsedAnswerRate);
        }

        Assert.Equal(6, fromLog["self-consistency"].VoteAgreement!.Count);
        Assert.True(fromLog["tool-calling-reflex"].ToolErrorRate!.Count >= 6, "every question has an expression the model evaluates with a tool");
        Assert.Equal(6, fromLog["self-critique"].RefineMeanRounds!.Count);
    }

    private static void AssertSame(JsonNode? reported, MetricEstimate? computed)
    {
        Assert.NotNull(reported);
        Assert.NotNull(computed);
        Assert.Equal((double)reported["value"]!, computed.Value, 9);
        Assert.Equal((double)reported["low"]!, computed.Low, 9);
        Assert.Equal((double)reported["high"]!, computed.High, 9);
        Assert.Equal((int)reported["count"]!, computed.Count);
    }
}
