using System.Text.Json.Nodes;
using PatternEngine.Bench.History;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Cli;

/// <summary><c>patterns bench</c>: on the embedded model end to end, and its refusals of bad input before any model loads.</summary>
[Collection(LocalModelCollection.Name)]
public sealed class BenchCommandTests : IDisposable
{
    private static readonly string StoriesGolden = Path.Combine(Patterns.RepositoryRoot(), "tests", "PatternEngine.Tests", "Cli", "Golden", "stories.jsonl");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_bench_on_the_embedded_model_reports_figures_that_add_up_to_its_call_log()
    {
        var files = (Json: _dir.Write("r.json", ""), Markdown: _dir.Write("r.md", ""), Html: _dir.Write("r.html", ""), Log: Path.Combine(_dir.Path, "calls.jsonl"), Db: Path.Combine(_dir.Path, "h.db"));

        var result = await CliHarness.RunAsync(
            "bench", "--patterns", "chain-of-thought", "--golden", StoriesGolden, "--repeats", "2",
            "--json", files.Json, "--markdown", files.Markdown, "--html", files.Html, "--log", files.Log, "--db", files.Db);

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = Assert.IsType<JsonObject>(JsonNode.Parse(File.ReadAllText(files.Json)));
        var log = File.ReadLines(files.Log).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        foreach (var summary in report["patterns"]!.AsArray().Select(p => p!.AsObject()))
        {
            var pattern = (string)summary["pattern"]!;
            Assert.Equal(3 * 2, (int)summary["runs"]!);
            var calls = log.Where(l => (string?)l["type"] == "call" && (string?)l["pattern"] == pattern).ToList();
            var loggedTokens = calls.Sum(c => (long)c["input_tokens"]! + (long)c["output_tokens"]!);
            Assert.Equal(loggedTokens, (double)summary["mean_tokens"]! * 6, precision: 6);
            Assert.Equal(6, log.Count(l => (string?)l["type"] == "run" && (string?)l["pattern"] == pattern));
            Assert.All(calls, c => Assert.Equal("tokenizer", (string?)c["usage_source"]));
        }

        Assert.Contains("chain-of-thought", result.Out, StringComparison.Ordinal);
        Assert.Contains("| chain-of-thought |", File.ReadAllText(files.Markdown), StringComparison.Ordinal);
        Assert.DoesNotContain("http", File.ReadAllText(files.Html), StringComparison.Ordinal);
        using var history = BenchHistory.OpenExisting(files.Db);
        Assert.Equal(["baseline", "chain-of-thought"], history.PatternHistory().Select(e => e.Summary.Pattern).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_bench_reports_what_finished_exits_1_and_keeps_it_out_of_history_until_resumed()
    {
        var db = Path.Combine(_dir.Path, "h.db");
        var json = Path.Combine(_dir.Path, "r.json");

        var result = await CliHarness.RunAsync(new CancellationToken(canceled: true), "bench", "--patterns", "baseline", "--golden", StoriesGolden, "--db", db, "--json", json);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("interrupted: 0 runs finished", result.Out, StringComparison.Ordinal);
        Assert.Contains("run the same command with --resume", result.Out, StringComparison.Ordinal);
        Assert.True((bool)JsonNode.Parse(File.ReadAllText(json))!["interrupted"]!);
        using var history = PatternEngine.Bench.History.BenchHistory.OpenExisting(db);
        Assert.Equal(0, history.BenchCount());
        Assert.Empty(history.PatternHistory());
    }

    [Fact]
    public async Task A_malformed_golden_line_fails_the_bench_with_its_line_when_asked()
    {
        var golden = _dir.Write("golden.jsonl", """
            {"id": "a", "inputs": {"question": "Once upon a time"}}
            {"id": "b", "inputs": {"question": "Lily"}, "scorer": "numeric"}
            """);

        var result = await CliHarness.RunAsync("bench", "--patterns", "chain-of-thought", "--golden", golden, "--on-malformed", "fail", "--no-history");

        CliHarness.AssertInvalidInput(result);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith(golden + ":2:45: the numeric scorer needs the field 'expected'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_that_does_not_fit_a_pattern_is_refused_before_the_model_loads()
    {
        var golden = _dir.Write("golden.jsonl", """{"id": "a", "inputs": {"topic": "cats"}}""");

        var result = await CliHarness.RunAsync(
            "bench", "--patterns", "chain-of-thought", "--golden", golden, "--no-history", "--model-file", Path.Combine(_dir.Path, "no-such.gguf"));

        CliHarness.AssertInvalidInput(result);
        Assert.StartsWith(golden + ":1: case 'a': pattern 'baseline' has no input 'topic'", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--golden", "missing.jsonl", "no-such-file")]
    [InlineData("--repeats", "0", "--repeats must be at least 1")]
    [InlineData("--on-malformed", "ignore", "--on-malformed takes skip or fail")]
    public async Task Bad_options_are_one_line_errors(string option, string value, string expected)
    {
        var golden = option == "--golden" ? Path.Combine(_dir.Path, "no-such-file.jsonl") : StoriesGolden;
        string[] args = option == "--golden"
            ? ["bench", "--patterns", "baseline", "--golden", golden]
            : ["bench", "--patterns", "baseline", "--golden", golden, option, value];

        var result = await CliHarness.RunAsync(args);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains(expected, CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }
}
