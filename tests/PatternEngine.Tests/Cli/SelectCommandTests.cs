using System.Text.Json.Nodes;
using PatternEngine.Selection;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Cli;

/// <summary>
/// Selection end to end on the real embedded model: two catalog configurations of it (answers cut at 4 tokens, or let
/// run to 128) are benched, selected between by latency, and the plan is run, replaced and rolled back.
/// </summary>
[Collection(LocalModelCollection.Name)]
public sealed class SelectCommandTests : IDisposable
{
    private const string Short = "stories260K-short";
    private const string Long = "stories260K-long";

    private const string TwoSamples = """
        name: two-samples
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: 2
            body: { template: "{{ question }}", max_tokens: 256 }
          - id: vote
            kind: reduce
            from: samples
            method: vote
        output: vote
        """;

    private const string Golden = """
        {"id": "a", "inputs": {"question": "Once upon a time"}, "expected": "Lily", "scorer": "contains"}
        {"id": "b", "inputs": {"question": "The little girl"}, "expected": "Lily", "scorer": "contains"}
        {"id": "c", "inputs": {"question": "A dog ran"}, "expected": "Lily", "scorer": "contains"}
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "history.db");

    private string Plans => Path.Combine(_dir.Path, "plans");

    private async Task<JsonObject> RunWithPlanAsync(string plan)
    {
        var result = await CliHarness.SucceedAsync("run", Path.Combine(_dir.Path, "two-samples.yaml"), "--input", "question=Once upon a time", "--plan", plan, "--json");
        return Assert.IsType<JsonObject>(JsonNode.Parse(result.Out));
    }

    private static IEnumerable<JsonNode> Calls(JsonObject record) =>
        record["stages"]!.AsArray().SelectMany(s => s!["call_records"]!.AsArray()).Select(c => c!);

    [Fact]
    public async Task Bench_two_configurations_select_by_latency_run_the_plan_and_roll_it_back()
    {
        var pattern = _dir.Write("two-samples.yaml", TwoSamples);
        var golden = _dir.Write("golden.jsonl", Golden);
        foreach (var model in new[] { Short, Long })
        {
            await CliHarness.SucceedAsync("bench", "-p", pattern, "-g", golden, "--model", model, "--repeats", "2", "--resamples", "100", "--db", Db);
        }

        // Both are free, so cost ties and fast mode takes the lower p95 latency: the configuration that stops at 4 tokens.
        var fast = await CliHarness.SucceedAsync("select", pattern, "--mode", "fast", "--db", Db, "--candidates", $"{Short},{Long}", "--plans", Plans);
        var current = Path.Combine(Plans, "two-samples.plan.yaml");
        var plan = RoutingPlanFile.Load(current);
        Assert.Equal((1, RoutingMode.Fast), (plan.Version, plan.Mode));
        var samples = plan.Stages.Single(s => s.Stage == "samples");
        Assert.Equal((Short, "stories260K.gguf"), (samples.Model, samples.Version));
        Assert.Contains($"runner-up {Long}", samples.Rationale, StringComparison.Ordinal);
        Assert.Null(plan.Stages.Single(s => s.Stage == "vote").Model);
        Assert.Contains("measured", fast.Out, StringComparison.Ordinal);

        // A p95 target between the two figures rejects the slow configuration by name, and says by how much. The midpoint
        // separates them whenever the long one is slower; how much slower depends on the machine's load (p95 of a few
        // runs is their slowest, which one descheduled 4-token call can double).
        var profiles = ProfileSource.Read(Db, "two-samples", PatternEngine.Models.Catalog.ModelCatalog.BuiltIn)["samples"];
        Assert.True(profiles[Long].LatencyP95Ms > profiles[Short].LatencyP95Ms, $"{profiles[Short]} {profiles[Long]}");
        var between = (profiles[Short].LatencyP95Ms + profiles[Long].LatencyP95Ms) / 2;
        var slo = _dir.Write("slo.yaml", FormattableString.Invariant($"min_accuracy: 0\nmax_latency_p95_ms: {between}\n"));
        var tight = await CliHarness.SucceedAsync("select", pattern, "--mode", "thorough", "--slo", slo, "--db", Db, "--candidates", $"{Short},{Long}", "--plans", Plans);
        Assert.Contains($"{Long}: max_latency_p95_ms:", tight.Out, StringComparison.Ordinal);
        var impossible = await CliHarness.RunAsync("select", pattern, "--mode", "thorough", "--slo", slo, "--db", Db, "--candidates", Long, "--plans", Plans);
        Assert.Equal(1, impossible.ExitCode);
        Assert.Contains("over by", impossible.Out, StringComparison.Ordinal);

        var shortRun = await RunWithPlanAsync(current);
        Assert.All(Calls(shortRun), c => Assert.Equal((Short, Short), ((string?)c["route"], (string?)c["model"])));
        Assert.All(Calls(shortRun), c => Assert.InRange((int)c["output_tokens"]!, 1, 4));

        // A newer plan on the slow configuration, then a rollback to the first.
        await CliHarness.SucceedAsync("select", pattern, "--mode", "fast", "--db", Db, "--candidates", Long, "--plans", Plans);
        Assert.All(Calls(await RunWithPlanAsync(current)), c => Assert.Equal(Long, (string?)c["route"]));
        var rollback = await CliHarness.SucceedAsync("plan", "rollback", "two-samples", "--plans", Plans);
        Assert.Contains("restored version 2", rollback.Out, StringComparison.Ordinal);
        var restored = RoutingPlanFile.Load(current);
        Assert.Equal((4, 2, Short), (restored.Version, restored.RestoredFrom, restored.Stages[0].Model));
        Assert.All(Calls(await RunWithPlanAsync(current)), c => Assert.Equal(Short, (string?)c["route"]));

        var list = await CliHarness.SucceedAsync("plan", "list", "two-samples", "--plans", Plans);
        Assert.Contains("restores v2", list.Out, StringComparison.Ordinal);

        // The stored runs show each configuration as a model of its own.
        var history = await CliHarness.SucceedAsync("history", Short, "--db", Db);
        Assert.Contains(Short, history.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_runs_both_plans_on_the_same_cases_and_judges_each_target()
    {
        var pattern = _dir.Write("two-samples.yaml", TwoSamples);
        var golden = _dir.Write("golden.jsonl", Golden);
        string Plan(string name, string model) => _dir.Write(name, RoutingPlanFile.Write(new RoutingPlan
        {
            Pattern = "two-samples",
            PatternHash = PatternEngine.Bench.BenchEntry.HashFile(pattern),
            Mode = RoutingMode.Fast,
            Slo = new Slo { MaxLatencyP95Ms = 60_000, MaxCostUsd = 1 },
            Version = 1,
            Stages = [new PlannedStage { Stage = "samples", Model = model }, new PlannedStage { Stage = "vote" }],
        }));

        var log = Path.Combine(_dir.Path, "compare.jsonl");
        var result = await CliHarness.SucceedAsync("compare", "--plan", Plan("a.plan.yaml", Short), "--plan", Plan("b.plan.yaml", Long),
            "-g", golden, "--pattern", pattern, "--repeats", "3", "--resamples", "200", "--log", log);

        var latency = result.OutLines.Single(l => l.Contains("max_latency_p95_ms", StringComparison.Ordinal));
        Assert.Contains("worse", latency, StringComparison.Ordinal); // 128-token answers against 4-token ones
        var cost = result.OutLines.Single(l => l.Contains("max_cost_usd", StringComparison.Ordinal));
        Assert.Contains("not distinguishable at 95%", cost, StringComparison.Ordinal); // both free
        Assert.DoesNotContain(result.OutLines, l => l.Contains("min_accuracy", StringComparison.Ordinal));

        // Every measured call and run is in the log: 3 cases, 3 repeats, 2 plans, 2 samples a run.
        var lines = File.ReadAllLines(log).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(36, lines.Count(l => (string?)l["type"] == "call"));
        Assert.Equal(18, lines.Count(l => (string?)l["type"] == "run"));
        Assert.Equal([Long, Short], lines.Where(l => (string?)l["type"] == "call").Select(l => (string)l["model"]!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_plan_for_another_pattern_is_refused_in_one_line()
    {
        var pattern = _dir.Write("two-samples.yaml", TwoSamples);
        var plan = _dir.Write("other.plan.yaml", RoutingPlanFile.Write(new RoutingPlan
        {
            Pattern = "other", PatternHash = "x", Mode = RoutingMode.Fast, Slo = new Slo(), Stages = [],
        }));

        var result = await CliHarness.RunAsync("run", pattern, "--input", "question=x", "--plan", plan);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("the plan is for pattern 'other', not 'two-samples'", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_without_provider_flags_must_name_a_local_catalog_entry()
    {
        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=x", "--model", "gpt-4.1");

        CliHarness.AssertInvalidInput(result);
        Assert.Contains($"--model 'gpt-4.1' is not a local entry of the model catalog", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }
}
