using System.Text.Json.Nodes;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary><c>run --mode</c> and <c>bench --mode</c>: a pattern's mode changes what its stages do, and the records say which mode ran.</summary>
public sealed class ModeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("fast", 3)]
    [InlineData("thorough", 9)]
    public async Task Run_in_a_mode_makes_that_modes_samples_and_the_json_and_log_name_the_mode(string mode, int samples)
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("Answer: 42"));
        var log = Path.Combine(_dir.Path, "run.jsonl");

        var result = await CliHarness.RunAsync(
            "run", "self-consistency", "--input", "question=q", "--mode", mode, "--endpoint", server.Endpoint.ToString(), "--model", "m", "--json", "--log", log);

        Assert.True(result.ExitCode == 0, result.ToString());
        var record = JsonNode.Parse(result.Out)!;
        Assert.Equal(mode, (string?)record["mode"]);
        Assert.Equal(samples, (int)record["stages"]![0]!["calls"]!);
        Assert.Equal(samples, server.Requests.Count);
        var runLine = File.ReadLines(log).Select(l => JsonNode.Parse(l)!).Single(l => (string?)l["type"] == "run");
        Assert.Equal(mode, (string?)runLine["mode"]);
    }

    [Fact]
    public async Task Run_in_a_mode_the_pattern_does_not_declare_is_a_located_error_and_exit_2()
    {
        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=q", "--mode", "thorough");

        CliHarness.AssertInvalidInput(result);
        var match = CliHarness.DiagnosticLine().Match(Assert.Single(result.ErrorLines));
        Assert.True(match.Success, result.ToString());
        Assert.EndsWith("baseline.yaml", match.Groups["file"].Value, StringComparison.Ordinal);
        Assert.Equal("pattern 'baseline' has no mode 'thorough'; it declares none", match.Groups["message"].Value);
    }

    [Fact]
    public async Task Bench_in_a_mode_runs_each_pattern_in_it_and_the_report_names_it()
    {
        var questions = ReferenceQuestion.Sums(4);
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("m")], Questions = [.. questions] });
        var json = Path.Combine(_dir.Path, "report.json");
        var log = Path.Combine(_dir.Path, "bench.jsonl");

        var result = await CliHarness.RunAsync(
            "bench", "-p", "self-consistency", "-g", _dir.Write("golden.jsonl", ReferenceQuestion.Golden(questions)), "--mode", "fast",
            "--providers", _dir.Write("providers.yaml", ReferenceProviders.Yaml(server, maxAttempts: 1, model: "m", keyVariable: null)),
            "--resamples", "100", "--no-history", "--json", json, "--log", log);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("fast", (string?)JsonNode.Parse(File.ReadAllText(json))!["mode"]);
        var runs = File.ReadLines(log).Select(l => JsonNode.Parse(l)!).Where(l => (string?)l["type"] == "run").ToList();
        var consistent = runs.Where(r => (string?)r["pattern"] == "self-consistency").ToList();
        Assert.Equal(4, consistent.Count);
        Assert.All(consistent, r => Assert.Equal("fast", (string?)r["mode"]));
        Assert.All(consistent, r => Assert.Equal(3, (int)r["stages"]![0]!["calls"]!));
        Assert.All(runs.Where(r => (string?)r["pattern"] == "baseline"), r => Assert.Null(r["mode"]));
    }

    [Fact]
    public async Task Bench_in_a_mode_a_measured_pattern_does_not_declare_is_a_located_error_and_exit_2()
    {
        var questions = ReferenceQuestion.Sums(2);

        var result = await CliHarness.RunAsync("bench", "-p", "chain-of-thought", "-g", _dir.Write("golden.jsonl", ReferenceQuestion.Golden(questions)), "--mode", "fast");

        CliHarness.AssertInvalidInput(result);
        var match = CliHarness.DiagnosticLine().Match(Assert.Single(result.ErrorLines));
        Assert.True(match.Success, result.ToString());
        Assert.EndsWith("chain-of-thought.yaml", match.Groups["file"].Value, StringComparison.Ordinal);
        Assert.Equal("pattern 'chain-of-thought' has no mode 'fast'; it declares none", match.Groups["message"].Value);
    }
}
