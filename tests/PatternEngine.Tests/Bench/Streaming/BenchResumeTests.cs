using Microsoft.Data.Sqlite;
using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.History;
using PatternEngine.Tests.Cli;
using PatternEngine.Tests.Support;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Bench.Streaming;

/// <summary>
/// A bench streams each finished run to its history; <see cref="BenchOptions.Resume"/> continues an interrupted one
/// without running a finished run again or storing it twice, and its report covers every run.
/// </summary>
public sealed class BenchResumeTests : IDisposable
{
    private const int Cases = 8;

    private static readonly IReadOnlyList<ReferenceQuestion> Questions = ReferenceQuestion.Sums(Cases);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static GoldenSet Golden => GoldenFile.Parse(ReferenceQuestion.Golden(Questions), "golden.jsonl");

    private static BenchEntry Entry(PatternRuntime engine, string name)
    {
        var path = Patterns.BuiltIns.Resolve(name);
        return new BenchEntry(engine.Compile(Patterns.BuiltIns.Load(path)), BenchEntry.HashFile(path));
    }

    private static async Task<BenchReport> BenchAsync(ReferenceServer server, BenchHistory history, bool resume = false, int seed = 42, IProgress<BenchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var engine = ReferenceProviders.Engine(ReferenceProviders.File(server, model: "m1"));
        // One run at a time and no warm-up, so the server's log counts exactly the runs' calls.
        var options = new BenchOptions { Concurrency = 1, Warmup = false, Resamples = 200, Seed = seed, Repeats = 2, History = history, Resume = resume };
        return await BenchRunner.RunAsync(Entry(engine, "baseline"), [Entry(engine, "chain-of-thought")], Golden, options, progress, cancellationToken);
    }

    private static Task<ReferenceServer> ServerAsync() =>
        ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("m1") { Accuracy = 0.7 }], Questions = [.. Questions] });

    [Fact]
    public async Task A_resumed_bench_runs_only_what_had_not_finished_stores_each_run_once_and_reports_every_run()
    {
        await using var server = await ServerAsync();
        var db = Path.Combine(_dir.Path, "history.db");
        using var cancel = new CancellationTokenSource();
        BenchReport first;
        using (var history = BenchHistory.Open(db))
        {
            first = await BenchAsync(server, history, progress: new CancelAfter(11, cancel), cancellationToken: cancel.Token);
        }

        Assert.True(first.Interrupted);
        Assert.Equal(11, first.Samples.Length);
        Assert.Equal(11, server.Requests.Count);
        using (var history = BenchHistory.OpenExisting(db))
        {
            Assert.Equal(0, history.BenchCount()); // unfinished: no history yet
            var resumed = await BenchAsync(server, history, resume: true);

            Assert.False(resumed.Interrupted);
            Assert.Equal((11, Cases * 2 * 2), (resumed.ResumedRuns, resumed.Samples.Length));
            Assert.Equal(first.HistoryId, resumed.HistoryId);
            Assert.Equal(first.StartedAt, resumed.StartedAt);
            Assert.Equal(1, history.BenchCount());
            Assert.Equal(2, history.PatternHistory().Count);
        }

        // Every call was made once: no run repeated (a chain-of-thought call is told to think step by step).
        var calls = server.Requests.Select(r => (r.Prompt, r.System, r.Seed)).ToList();
        Assert.Equal(Cases * 2 * 2, calls.Count);
        Assert.Equal(calls.Count, calls.Distinct().Count());
        Assert.Equal((Cases * 2 * 2, Cases * 2 * 2), StoredRuns(db));

        // What history keeps is what an uninterrupted bench of the same runs keeps.
        await using var fresh = await ServerAsync();
        using var other = BenchHistory.Open(Path.Combine(_dir.Path, "other.db"));
        await BenchAsync(fresh, other);
        using var reopened = BenchHistory.OpenExisting(db);
        static object Stored(PatternHistoryEntry e) => (e.Summary.Pattern, e.Summary.Runs, e.Summary.FailedRuns, e.Summary.Accuracy, e.Summary.MeanTokens, e.Summary.Deltas.AccuracyPoints?.Value);
        Assert.Equal(other.PatternHistory().Select(Stored), reopened.PatternHistory().Select(Stored));
    }

    [Fact]
    public async Task A_resumed_report_has_the_figures_of_an_uninterrupted_bench()
    {
        await using var server = await ServerAsync();
        using var cancel = new CancellationTokenSource();
        using var history = BenchHistory.Open(Path.Combine(_dir.Path, "history.db"));
        await BenchAsync(server, history, progress: new CancelAfter(7, cancel), cancellationToken: cancel.Token);
        var resumed = await BenchAsync(server, history, resume: true);

        await using var fresh = await ServerAsync();
        using var other = BenchHistory.Open(Path.Combine(_dir.Path, "other.db"));
        var whole = await BenchAsync(fresh, other);

        static object Figures(PatternSummary p) => (p.Pattern, p.Runs, p.FailedRuns, p.CachedRuns, p.Accuracy, p.MeanTokens, p.Metrics.Accuracy?.Value, p.Metrics.ErrorRate?.Value, p.Deltas.TokensPercent?.Value, p.Deltas.AccuracyPoints?.Value);
        Assert.Equal(whole.Patterns.Select(Figures), resumed.Patterns.Select(Figures));
        Assert.Equal(whole.Model, resumed.Model);
    }

    [Fact]
    public async Task Resuming_a_bench_with_another_seed_is_refused_and_says_what_differs()
    {
        await using var server = await ServerAsync();
        using var cancel = new CancellationTokenSource();
        using var history = BenchHistory.Open(Path.Combine(_dir.Path, "history.db"));
        await BenchAsync(server, history, progress: new CancelAfter(3, cancel), cancellationToken: cancel.Token);
        var requests = server.Requests.Count;

        var error = await Assert.ThrowsAsync<BenchHistoryException>(() => BenchAsync(server, history, resume: true, seed: 7));

        Assert.Contains("cannot resume bench 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("the seed was 42, now 7", error.Message, StringComparison.Ordinal);
        Assert.Equal(requests, server.Requests.Count); // refused before a call
    }

    [Fact]
    public async Task Resuming_with_nothing_interrupted_is_refused()
    {
        await using var server = await ServerAsync();
        using var history = BenchHistory.Open(Path.Combine(_dir.Path, "history.db"));
        await BenchAsync(server, history);

        var error = await Assert.ThrowsAsync<BenchHistoryException>(() => BenchAsync(server, history, resume: true));

        Assert.Contains("no interrupted bench to resume", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_needs_a_history()
    {
        var options = new BenchOptions { Resume = true };

        Assert.Throws<ArgumentException>(() => options.Validate());
    }

    /// <summary>Samples stored, and distinct (bench, pattern, case, repeat) among them.</summary>
    private static (long Rows, long Distinct) StoredRuns(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM samples),
                   (SELECT COUNT(*) FROM (SELECT DISTINCT bench_id, pattern_result_id, case_id, repeat_index FROM samples))
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Cancels the bench once <paramref name="runs"/> runs finished (progress is reported as each does).</summary>
    private sealed class CancelAfter(int runs, CancellationTokenSource cancel) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value)
        {
            if (value.Done == runs)
            {
                cancel.Cancel();
            }
        }
    }
}
