using System.Text.Json.Nodes;
using PatternEngine.Bench.History;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary><c>patterns bench</c> on an OpenAI-compatible endpoint that fails: the exit code tells the truth, and every failure names its model.</summary>
public sealed class BenchOnProviderTests : IDisposable
{
    private static readonly IReadOnlyList<ReferenceQuestion> Questions = ReferenceQuestion.Sums(4);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Golden => _dir.Write("golden.jsonl", ReferenceQuestion.Golden(Questions));

    private Task<CliResult> BenchAsync(ReferenceServer server, string providers, params string[] more) =>
        CliHarness.RunAsync([
            "bench", "-p", "baseline", "-g", Golden, "--providers", _dir.Write("providers.yaml", providers),
            "--resamples", "100", "--db", Path.Combine(_dir.Path, "history.db"), "--json", Path.Combine(_dir.Path, "bench.json"), .. more]);

    [Fact]
    public async Task When_the_circuit_opens_and_every_run_fails_the_bench_exits_1_and_every_refused_call_names_its_model()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Status(500));

        var log = Path.Combine(_dir.Path, "runs.jsonl");
        var result = await BenchAsync(server, ReferenceProviders.Yaml(server, maxAttempts: 1, minimumThroughput: 2, model: "m1", keyVariable: null), "--log", log);

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = CliHarness.AssertOneErrorLine(result);
        Assert.Contains("every run failed (4 of 4)", error, StringComparison.Ordinal);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.Path, "bench.json")))!;
        Assert.Equal("m1", (string?)report["model"]);
        // The report keeps each run's figures; its calls went to the log (and the history) as the run finished.
        Assert.Equal(4, report["samples"]!.AsArray().Count);
        var calls = File.ReadAllLines(log).Select(l => JsonNode.Parse(l)!).Where(l => (string?)l["type"] == "call").ToList();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, c => Assert.Equal("m1", (string?)c!["model"]));
        Assert.Contains(calls, c => ((string?)c!["error"])!.Contains("circuit is open", StringComparison.Ordinal));
        Assert.True(server.Requests.Count < 5, $"{server.Requests.Count} requests reached the endpoint"); // the open circuit stopped the rest

        using var history = BenchHistory.Open(Path.Combine(_dir.Path, "history.db"));
        Assert.Equal("m1", Assert.Single(history.PatternHistory()).Bench.Model);
    }

    [Fact]
    public async Task A_pattern_that_fails_more_often_than_max_error_rate_allows_makes_the_bench_exit_1()
    {
        // One case in four always fails.
        await using var server = await ReferenceServer.StartAsync(r => r.Prompt.Contains(Questions[1].Text, StringComparison.Ordinal) ? ServerReply.Status(400) : ServerReply.Text("42"));
        var providers = ReferenceProviders.Yaml(server, maxAttempts: 1, model: "m1", keyVariable: null);

        var strict = await BenchAsync(server, providers);
        var lenient = await BenchAsync(server, providers, "--max-error-rate", "0.25");

        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.Contains("baseline failed 1 of 4 runs (25%), more than --max-error-rate 0.05", CliHarness.AssertOneErrorLine(strict), StringComparison.Ordinal);
        Assert.True(lenient.ExitCode == 0, lenient.ToString());
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    public async Task A_max_error_rate_outside_0_to_1_is_refused(string rate)
    {
        var result = await CliHarness.RunAsync("bench", "-p", "baseline", "-g", "golden.jsonl", "--max-error-rate", rate);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("--max-error-rate takes a share from 0 to 1", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }
}
