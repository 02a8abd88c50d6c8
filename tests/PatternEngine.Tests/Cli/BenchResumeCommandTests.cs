using PatternEngine.Bench.History;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary><c>patterns bench --resume</c>: an interrupted bench is kept unfinished, and the same command with --resume finishes it.</summary>
public sealed class BenchResumeCommandTests : IDisposable
{
    private static readonly IReadOnlyList<ReferenceQuestion> Questions = ReferenceQuestion.Sums(4);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "history.db");

    private string[] Bench(ReferenceServer server, params string[] more) =>
    [
        "bench", "-p", "baseline", "-g", _dir.Write("golden.jsonl", ReferenceQuestion.Golden(Questions)),
        "--providers", _dir.Write("providers.yaml", ReferenceProviders.Yaml(server, model: "m1", keyVariable: null)),
        "--resamples", "100", "--db", Db, .. more,
    ];

    [Fact]
    public async Task An_interrupted_bench_is_finished_by_the_same_command_with_resume()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("m1")], Questions = [.. Questions] });

        var interrupted = await CliHarness.RunAsync(new CancellationToken(canceled: true), Bench(server));
        var resumed = await CliHarness.RunAsync(Bench(server, "--resume"));

        Assert.True(interrupted.ExitCode == 1, interrupted.ToString());
        Assert.Contains("Kept as unfinished bench 1", interrupted.Out, StringComparison.Ordinal);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("stored as bench 1", resumed.Out, StringComparison.Ordinal);
        using var history = BenchHistory.OpenExisting(Db);
        Assert.Equal(1, history.BenchCount());
        Assert.Equal(4, Assert.Single(history.PatternHistory()).Summary.Runs);
    }

    [Fact]
    public async Task Resume_with_nothing_interrupted_is_bad_input()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("m1")], Questions = [.. Questions] });

        var result = await CliHarness.RunAsync(Bench(server, "--resume"));

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("no interrupted bench to resume", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Resume_without_history_is_refused()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("m1")], Questions = [.. Questions] });

        var result = await CliHarness.RunAsync(Bench(server, "--resume", "--no-history"));

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("--resume continues a bench from its history", result.ToString(), StringComparison.Ordinal);
    }
}
