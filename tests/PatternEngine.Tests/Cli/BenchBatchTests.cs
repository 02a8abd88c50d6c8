using System.Text.Json.Nodes;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary>
/// <c>patterns bench --batch</c> against the reference server's Batch API: the bench's calls go out as batches, its
/// accuracy and tokens are those of the lines, its cost the catalog's batch price, and its latency is not measured;
/// expired and failed lines are failed runs that say why.
/// </summary>
public sealed class BenchBatchTests : IDisposable
{
    private const string Model = "gpt-4.1-mini"; // the built-in catalog's batch price: $0.20 in, $0.80 out per million

    private static readonly IReadOnlyList<ReferenceQuestion> Questions = ReferenceQuestion.Sums(4);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Json => Path.Combine(_dir.Path, "bench.json");

    private Task<CliResult> BenchAsync(ReferenceServer server, params string[] more) =>
        CliHarness.RunAsync([
            "bench", "-p", "baseline", "-g", _dir.Write("golden.jsonl", ReferenceQuestion.Golden(Questions)),
            "--providers", _dir.Write("providers.yaml", ReferenceProviders.Yaml(server, maxAttempts: 1, model: Model, keyVariable: null)),
            "--batch", "--batch-poll", "0.01", "--runs-in-flight", "4", "--resamples", "100", "--no-history", "--json", Json, .. more]);

    private static Task<ReferenceServer> ServerAsync(Func<int, BatchFault?>? faults = null) =>
        ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel(Model)], Questions = [.. Questions], BatchFaults = faults });

    [Fact]
    public async Task A_batch_bench_sends_one_batch_per_wave_and_reports_accuracy_tokens_and_the_batch_price_with_latency_not_measured()
    {
        await using var server = await ServerAsync();
        var markdown = Path.Combine(_dir.Path, "bench.md");

        var result = await BenchAsync(server, "--markdown", markdown);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(4, Assert.Single(server.Batches.Batches).Total);
        var report = JsonNode.Parse(File.ReadAllText(Json))!;
        var baseline = report["patterns"]![0]!;
        Assert.Equal(1.0, (double)baseline["accuracy"]!);
        var (prompt, completion) = server.Log.BilledTokens();
        Assert.Equal((prompt + completion) / 4.0, (double)baseline["mean_tokens"]!, 6);
        Assert.Equal((double)((prompt * 0.20m + completion * 0.80m) / 1_000_000m / 4), (double)baseline["mean_cost_usd"]!, 12);
        Assert.False((bool)report["latency_measured"]!);
        Assert.Null(baseline["latency_p50_ms"]);
        Assert.All(report["samples"]!.AsArray(), s => Assert.Null(s!["latency_ms"]));
        Assert.Contains("not measured", File.ReadAllText(markdown), StringComparison.Ordinal);
        Assert.Contains("not measured", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_batch_fails_the_runs_it_did_not_answer_with_batch_expired_and_keeps_what_the_others_measured()
    {
        await using var server = await ServerAsync(_ => BatchFault.ExpireAfter(2));

        var result = await BenchAsync(server, "--max-error-rate", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var samples = JsonNode.Parse(File.ReadAllText(Json))!["samples"]!.AsArray();
        var failed = samples.Where(s => s!["error"] is not null).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, s => Assert.Contains("batch_expired", (string)s!["error"]!, StringComparison.Ordinal));
        Assert.All(samples.Where(s => s!["error"] is null), s => Assert.True((bool)s!["correct"]!));
        Assert.Equal(server.Log.BilledTokens().Prompt, samples.Sum(s => (long)s!["input_tokens"]!));
    }

    [Fact]
    public async Task A_partly_failed_batch_fails_only_the_runs_whose_lines_failed_with_the_providers_words()
    {
        await using var server = await ServerAsync(_ => BatchFault.FailLines(id => id == "call-2"));

        var result = await BenchAsync(server, "--max-error-rate", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var samples = JsonNode.Parse(File.ReadAllText(Json))!["samples"]!.AsArray();
        var failed = Assert.Single(samples, s => s!["error"] is not null);
        Assert.Contains("The server had an error while processing your request", (string)failed!["error"]!, StringComparison.Ordinal);
        Assert.Equal(3, samples.Count(s => s!["correct"] is JsonValue v && (bool)v));
    }

    [Fact]
    public async Task Batch_without_a_provider_or_with_streaming_is_refused_as_bad_input()
    {
        var alone = await CliHarness.RunAsync("bench", "-p", "baseline", "-g", "golden.jsonl", "--batch");
        var streamed = await CliHarness.RunAsync("bench", "-p", "baseline", "-g", "golden.jsonl", "--batch", "--stream", "--endpoint", "http://127.0.0.1:1/v1", "--model", "m");

        CliHarness.AssertInvalidInput(alone);
        Assert.Contains("--batch goes through a provider's Batch API", CliHarness.AssertOneErrorLine(alone), StringComparison.Ordinal);
        CliHarness.AssertInvalidInput(streamed);
        Assert.Contains("--batch cannot stream", CliHarness.AssertOneErrorLine(streamed), StringComparison.Ordinal);
    }
}
