using System.Text.Json.Nodes;
using PatternEngine.Selection;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary>
/// The researcher's loop on an OpenAI-compatible endpoint whose models no built-in catalog lists: bench three of its
/// models, select one per stage under an SLO (priced from the user's own catalog), run the plan, compare two plans,
/// roll back. The endpoint is a reference server whose models' accuracy and speed are known.
/// </summary>
public sealed class ResearcherLoopTests : IDisposable
{
    private static readonly IReadOnlyList<ReferenceQuestion> Questions = ReferenceQuestion.Sums(8, seed: 11);

    private static readonly ReferenceModel[] Models =
    [
        new("weak-7b") { Accuracy = 0.3, TimeToFirstToken = TimeSpan.FromMilliseconds(2), Styles = AnswerStyles.All },
        new("mid-32b") { Accuracy = 0.9, TimeToFirstToken = TimeSpan.FromMilliseconds(10), Styles = AnswerStyles.All },
        new("strong-70b") { Accuracy = 1.0, TimeToFirstToken = TimeSpan.FromMilliseconds(40), Styles = AnswerStyles.All },
    ];

    // Prices for two of them; the third is listed without one, so its cost is unknown.
    private const string Catalog = """
        models:
          - { id: weak-7b, provider: lab, input_per_million: 0.1, output_per_million: 0.4 }
          - { id: mid-32b, provider: lab, input_per_million: 1, output_per_million: 4 }
          - { id: strong-70b, provider: lab }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "history.db");

    private string Plans => Path.Combine(_dir.Path, "plans");

    [Fact]
    public async Task Bench_select_run_compare_and_roll_back_on_an_endpoint_s_own_models()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [.. Models], Questions = [.. Questions] });
        var endpoint = server.Endpoint.ToString();
        var golden = _dir.Write("golden.jsonl", ReferenceQuestion.Golden(Questions));
        var catalog = _dir.Write("catalog.yaml", Catalog);

        // Bench each model of the endpoint; the unpriced one's cost is reported as unknown, never $0.
        foreach (var model in Models)
        {
            var bench = await CliHarness.SucceedAsync("bench", "-p", "self-consistency", "-g", golden, "--endpoint", endpoint, "--model", model.Name,
                "--catalog", catalog, "--db", Db, "--resamples", "100");
            Assert.Equal(model.Name == "strong-70b", bench.OutLines.Any(l => l.StartsWith("self-consistency", StringComparison.Ordinal) && l.Contains("unknown", StringComparison.Ordinal)));
        }

        // Standard mode with an accuracy target: the weak model misses it, the strong one has no price to meet the cost target.
        var slo = _dir.Write("slo.yaml", "min_accuracy: 0.9\nmax_latency_p95_ms: 1000\n");
        var select = await CliHarness.SucceedAsync("select", "self-consistency", "--mode", "standard", "--slo", slo, "-g", golden, "--catalog", catalog, "--db", Db, "--plans", Plans);
        var current = Path.Combine(Plans, "self-consistency.plan.yaml");
        var accurate = RoutingPlanFile.Load(current);
        Assert.True(accurate.Stages.Single(s => s.Stage == "samples").Model == "mid-32b", select.ToString());
        Assert.Equal("mid-32b", accurate.Stages.Single(s => s.Stage == "samples").Model);
        Assert.Null(accurate.Stages.Single(s => s.Stage == "vote").Model);
        Assert.Contains(select.OutLines, l => l.StartsWith("rejected weak-7b: min_accuracy:", StringComparison.Ordinal));
        Assert.Contains(select.OutLines, l => l.StartsWith("rejected strong-70b: max_cost_usd: unpriced", StringComparison.Ordinal));
        Assert.All(select.Out.Split('\n').Where(l => !l.StartsWith("plan version", StringComparison.Ordinal)), // a path may be long
            l => Assert.True(l.TrimEnd().Length <= 100, $"{l.Length} columns: {l}"));

        // The plan runs each stage on its model, costed at the user's prices.
        var before = server.Requests.Count;
        var run = JsonNode.Parse((await CliHarness.SucceedAsync("run", "self-consistency", "-i", "question=" + Questions[0].Text, "--plan", current,
            "--endpoint", endpoint, "--catalog", catalog, "--json")).Out)!;
        Assert.All(server.Requests.Skip(before), r => Assert.Equal("mid-32b", r.Model));
        Assert.Equal("finished", (string?)run["status"]);
        Assert.True((decimal)run["totals"]!["cost_usd"]! > 0);
        Assert.Equal(0, (int)run["totals"]!["unpriced_calls"]!);

        // A cheaper plan (fast mode, no accuracy target), compared against the accurate one on the same cases.
        await CliHarness.SucceedAsync("select", "self-consistency", "--mode", "fast", "-g", golden, "--catalog", catalog, "--db", Db, "--plans", Plans);
        Assert.Equal("weak-7b", RoutingPlanFile.Load(current).Stages.Single(s => s.Stage == "samples").Model);
        var log = Path.Combine(_dir.Path, "compare.jsonl");
        var compare = await CliHarness.SucceedAsync("compare", "--plan", Path.Combine(Plans, "history", "self-consistency", "v1.plan.yaml"), "--plan", current,
            "-g", golden, "--endpoint", endpoint, "--catalog", catalog, "--log", log, "--resamples", "200");
        var costVerdict = compare.OutLines.Single(l => l.Contains("max_cost_usd", StringComparison.Ordinal));
        Assert.Contains("better", costVerdict, StringComparison.Ordinal); // the weak model's prices are a tenth of the other's
        Assert.Contains(compare.OutLines, l => l.Contains("min_accuracy", StringComparison.Ordinal));
        Assert.Equal(["mid-32b", "weak-7b"], File.ReadLines(log).Select(l => JsonNode.Parse(l)!).Where(l => (string?)l["type"] == "call")
            .Select(l => (string)l["model"]!).Distinct().Order(StringComparer.Ordinal));

        // Roll back to the accurate plan, and it runs on its model again.
        await CliHarness.SucceedAsync("plan", "rollback", "self-consistency", "--plans", Plans);
        Assert.Equal("mid-32b", RoutingPlanFile.Load(current).Stages.Single(s => s.Stage == "samples").Model);
        before = server.Requests.Count;
        await CliHarness.SucceedAsync("run", "self-consistency", "-i", "question=" + Questions[1].Text, "--plan", current, "--endpoint", endpoint, "--catalog", catalog);
        Assert.All(server.Requests.Skip(before), r => Assert.Equal("mid-32b", r.Model));
    }
}
