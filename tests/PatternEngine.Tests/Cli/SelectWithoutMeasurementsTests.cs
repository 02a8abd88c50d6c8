namespace PatternEngine.Tests.Cli;

/// <summary><c>patterns select</c> before anything is measured: it says which benches would measure its candidates, briefly.</summary>
public sealed class SelectWithoutMeasurementsTests : IDisposable
{
    private const string Providers = """
        providers:
          lab: { endpoint: "http://127.0.0.1:9/v1", default_model: small-3b }
        models:
          default: { provider: lab, model: small-3b }
          big: { provider: lab, model: big-70b }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task With_nothing_measured_select_lists_the_bench_commands_for_every_model_the_providers_file_routes_to()
    {
        var providers = _dir.Write("providers.yaml", Providers);

        var result = await CliHarness.RunAsync("select", "chain-of-thought", "--mode", "fast", "--providers", providers,
            "-g", "golden.jsonl", "--db", Path.Combine(_dir.Path, "none.db"), "--plans", Path.Combine(_dir.Path, "plans"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Nothing is measured yet for chain-of-thought", result.Out, StringComparison.Ordinal);
        Assert.Equal(
            [
                $"patterns bench -p chain-of-thought -g golden.jsonl --providers {providers} --provider lab --model big-70b",
                $"patterns bench -p chain-of-thought -g golden.jsonl --providers {providers} --provider lab --model small-3b",
            ],
            result.OutLines.Where(l => l.StartsWith("patterns bench", StringComparison.Ordinal)));
        Assert.DoesNotContain("not measured", result.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "plans")));
    }

    [Fact]
    public async Task Candidates_need_not_be_in_the_catalog_and_each_gets_the_bench_that_would_measure_it()
    {
        var result = await CliHarness.RunAsync("select", "baseline", "--candidates", "stories260K-short,my-model,gpt-4.1-mini",
            "--db", Path.Combine(_dir.Path, "none.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                "patterns bench -p baseline -g GOLDEN.jsonl --model stories260K-short",
                "patterns bench -p baseline -g GOLDEN.jsonl --endpoint URL --model my-model",
                "patterns bench -p baseline -g GOLDEN.jsonl --provider openai --model gpt-4.1-mini",
            ],
            result.OutLines.Where(l => l.StartsWith("patterns bench", StringComparison.Ordinal)));
    }
}
