using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Models.Recording;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Bench;

public sealed class BenchRunnerTests
{
    private const string Baseline = """
        name: baseline
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }}"
        output: answer
        """;

    private const string TwoCalls = """
        name: two-calls
        version: 2.0.0
        expected:
          tokens_percent: { min: 50, max: 150 }
        inputs:
          question: { type: string }
        stages:
          - id: draft
            kind: prompt
            template: "draft {{ question }}"
          - id: answer
            kind: prompt
            template: "final {{ draft }}"
        output: answer
        """;

    private const string TopicOnly = """
        name: topic-only
        version: 1.0.0
        inputs:
          topic: { type: string }
        stages:
          - id: answer
            kind: prompt
            template: "{{ topic }}"
        output: answer
        """;

    private static readonly BenchOptions Unmeasured = new() { Warmup = false };

    private static readonly string[] PatternNames = ["baseline", "two-calls"];

    private static readonly string[] CaseIds = ["add", "sub"];

    private static readonly GoldenSet TwoCases = GoldenFile.Parse(
        """
        {"id": "add", "inputs": {"question": "What is 12 + 30?"}, "expected": "42", "scorer": "numeric"}
        {"id": "sub", "inputs": {"question": "What is 50 - 8?"}, "expected": "42", "scorer": "numeric"}
        """,
        "golden.jsonl");

    [Fact]
    public async Task Every_pattern_and_the_baseline_run_on_every_case_for_every_repeat()
    {
        var model = new ScriptedChatClient(_ => "42");

        var report = await BenchRunner.RunAsync(Entry(Baseline, model), [Entry(TwoCalls, model)], TwoCases, Unmeasured with { Repeats = 3 });

        Assert.Equal(2 * 2 * 3, report.Samples.Length);
        Assert.Equal(
            from pattern in PatternNames
            from id in CaseIds
            from repeat in Enumerable.Range(0, 3)
            select $"{pattern}/{id}/{repeat}",
            report.Samples.Select(s => $"{s.Pattern}/{s.CaseId}/{s.Repeat}").Order(StringComparer.Ordinal));
        Assert.Equal(2 * 3 + 2 * 3 * 2, model.Requests.Count);
        Assert.Equal(["baseline", "two-calls"], report.Patterns.Select(p => p.Pattern));
    }

    [Fact]
    public async Task A_sample_carries_its_runs_figures_and_its_score()
    {
        var model = new ScriptedChatClient(request => request.Prompt.StartsWith("final", StringComparison.Ordinal) ? "it is 42" : "forty");

        var heard = new HeardRuns();

        var report = await BenchRunner.RunAsync(Entry(Baseline, model), [Entry(TwoCalls, model)], TwoCases, progress: heard);

        var baseline = heard.Runs.First(s => s.Pattern == "baseline" && s.CaseId == "add");
        Assert.Equal(("forty", false, 1), (baseline.Answer, baseline.Correct, baseline.Calls));
        Assert.Equal(5, baseline.InputTokens); // the scripted model counts words: "What is 12 + 30?" has five
        var twoCalls = heard.Runs.First(s => s.Pattern == "two-calls" && s.CaseId == "add");
        Assert.Equal(("it is 42", true, 2), (twoCalls.Answer, twoCalls.Correct, twoCalls.Calls));
        Assert.Equal(twoCalls.Stages.SelectMany(s => s.CallRecords).Sum(c => c.InputTokens), twoCalls.InputTokens);
        Assert.Equal(["answer", "draft"], twoCalls.Stages.Select(s => s.Id).Order(StringComparer.Ordinal));

        // The report keeps the same figures and score, without the record: that went to progress, the log and history.
        var kept = report.Samples.First(s => s.Pattern == "two-calls" && s.CaseId == "add");
        Assert.Equal((true, 2, twoCalls.InputTokens), (kept.Correct, kept.Calls, kept.InputTokens));
        Assert.Equal(("", 0), (kept.Answer, kept.Stages.Length));
    }

    private sealed class HeardRuns : IProgress<BenchProgress>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<BenchSample> _runs = new();

        public IReadOnlyCollection<BenchSample> Runs => _runs;

        public void Report(BenchProgress value) => _runs.Enqueue(value.Last);
    }

    [Fact]
    public async Task The_report_compares_each_pattern_with_the_baseline_against_its_expected_range()
    {
        var model = new ScriptedChatClient(_ => "42");

        var report = await BenchRunner.RunAsync(Entry(Baseline, model), [Entry(TwoCalls, model)], TwoCases);

        var baseline = report.Patterns[0];
        Assert.True(baseline.IsBaseline);
        Assert.Equal(0, baseline.Deltas.TokensPercent!.Value);
        var twoCalls = report.Patterns[1];
        Assert.Equal((1.0, 1.0), (baseline.Accuracy, twoCalls.Accuracy));
        Assert.True(twoCalls.Deltas.TokensPercent!.Value > 0);
        Assert.Equal(new PatternEngine.Definitions.PercentRange(50, 150), twoCalls.Deltas.TokensPercent.Expected);
        Assert.Equal(("baseline", "golden.jsonl", 2, 1), (report.Baseline, report.GoldenFile, report.Cases, report.Repeats));
        Assert.Equal("scripted", report.Model);
    }

    [Fact]
    public async Task Repeat_r_runs_with_seed_plus_r_so_a_bench_repeats_itself()
    {
        var first = new ScriptedChatClient(_ => "42");
        var second = new ScriptedChatClient(_ => "42");

        await BenchRunner.RunAsync(Entry(Baseline, first), [], TwoCases, Unmeasured with { Repeats = 2, Seed = 7 });
        await BenchRunner.RunAsync(Entry(Baseline, second), [], TwoCases, Unmeasured with { Repeats = 2, Seed = 7 });

        Assert.Equal(Seeds(first), Seeds(second));
        Assert.Equal(2, Seeds(first).Distinct().Count());
    }

    [Fact]
    public async Task Each_pattern_warms_up_once_on_the_first_case_with_a_seed_no_measured_run_uses()
    {
        var model = new ScriptedChatClient(_ => "42");
        var log = new RecordingRunLog();

        var report = await BenchRunner.RunAsync(Entry(Baseline, model), [Entry(TwoCalls, model)], TwoCases, new BenchOptions { Seed = 7, Log = log });

        Assert.Equal(4, report.Samples.Length);
        Assert.Equal(3 + (2 * 1) + (2 * 2), model.Requests.Count); // warm-ups: one baseline call and two two-calls calls
        var warmups = model.Requests.OrderBy(r => r.Number).Take(3).ToList();
        Assert.Equal(["What is 12 + 30?", "draft What is 12 + 30?", "final 42"], warmups.Select(r => r.Prompt));
        var measuredSeeds = model.Requests.OrderBy(r => r.Number).Skip(3).Select(r => r.Options?.Seed).ToHashSet();
        Assert.DoesNotContain(warmups[0].Options?.Seed, measuredSeeds);
        Assert.Equal(6, log.Calls); // the warm-ups are not logged
    }

    [Fact]
    public async Task A_case_that_does_not_fit_a_pattern_fails_the_bench_before_any_call()
    {
        var model = new ScriptedChatClient(_ => "42");

        var error = await Assert.ThrowsAsync<BenchInputException>(
            () => BenchRunner.RunAsync(Entry(Baseline, model), [Entry(TopicOnly, model)], TwoCases));

        Assert.Empty(model.Requests);
        Assert.StartsWith("golden.jsonl:1: case 'add': pattern 'topic-only' has no input 'question'", error.Diagnostics[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(2, error.Diagnostics.Count);
    }

    [Fact]
    public async Task A_failed_run_keeps_what_it_measured_and_counts_as_wrong()
    {
        var model = new ScriptedChatClient(request => request.Prompt.StartsWith("final", StringComparison.Ordinal)
            ? throw new HttpRequestException("provider down")
            : "42");

        var report = await BenchRunner.RunAsync(Entry(Baseline, model), [Entry(TwoCalls, model)], TwoCases);

        var failed = Assert.Single(report.Samples, s => s.Pattern == "two-calls" && s.CaseId == "add");
        Assert.Contains("provider down", failed.Error, StringComparison.Ordinal);
        Assert.False(failed.Correct);
        Assert.Equal(2, failed.Calls); // the draft that finished and the call that failed
        Assert.Equal(2, report.Patterns[1].FailedRuns);
        Assert.Equal(0, report.Patterns[0].FailedRuns);
    }

    [Fact]
    public async Task A_cancelled_bench_reports_the_runs_that_finished()
    {
        using var cancel = new CancellationTokenSource();
        var model = new ScriptedChatClient(async (request, token) =>
        {
            if (request.Number == 2)
            {
                await cancel.CancelAsync();
                token.ThrowIfCancellationRequested();
            }

            return "42";
        });

        var report = await BenchRunner.RunAsync(Entry(Baseline, model), [], TwoCases, Unmeasured with { Repeats = 3 }, cancellationToken: cancel.Token);

        Assert.True(report.Interrupted);
        Assert.Equal(2, report.Samples.Length);
        Assert.All(report.Samples, s => Assert.Null(s.Error));
    }

    [Fact]
    public async Task Runs_in_flight_are_limited_by_concurrency_and_progress_hears_each()
    {
        var inFlight = 0;
        var most = 0;
        var model = new ScriptedChatClient(async (_, token) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(20, token);
            Interlocked.Decrement(ref inFlight);
            return "42";
        });
        var heard = new List<BenchProgress>();
        var progress = new Recorder(heard);

        await BenchRunner.RunAsync(Entry(Baseline, model), [], TwoCases, new BenchOptions { Repeats = 4, Concurrency = 1 }, progress);
        var alone = most;
        most = 0;
        var heardTogether = new List<BenchProgress>();
        await BenchRunner.RunAsync(Entry(Baseline, model), [], TwoCases, new BenchOptions { Repeats = 4, Concurrency = 4 }, new Recorder(heardTogether));

        Assert.Equal(1, alone);
        Assert.InRange(most, 2, 4);
        Assert.Equal(Enumerable.Range(1, 8), heard.Select(p => p.Done));
        Assert.Equal(Enumerable.Range(1, 8), heardTogether.Select(p => p.Done).Order()); // every count once, though runs overlap
        Assert.All(heard, p => Assert.Equal(8, p.Total));
    }

    [Fact]
    public async Task Calls_replayed_from_a_cassette_are_counted_apart_from_cached_ones()
    {
        var file = Path.Combine(Path.GetTempPath(), "bench-replay-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            var model = new ScriptedChatClient(_ => "42");
            async Task<BenchSample> RunAsync(CassetteMode mode)
            {
                using var cassette = Cassette.OpenOrCreate(file);
                var entry = new BenchEntry(Patterns.Compile(TwoCalls, model, b => b.UseCassette(cassette, mode)), BenchEntry.HashText(TwoCalls));
                var report = await BenchRunner.RunAsync(entry, [], TwoCases, Unmeasured);
                return report.Samples.First(s => s.CaseId == "add");
            }

            var recorded = await RunAsync(CassetteMode.Record);
            var cached = await RunAsync(CassetteMode.Cache);
            var replayed = await RunAsync(CassetteMode.Replay);

            Assert.Equal((2, 0, 0), (recorded.Calls, recorded.CachedCalls, recorded.ReplayedCalls));
            Assert.Equal((2, 2, 0), (cached.Calls, cached.CachedCalls, cached.ReplayedCalls));
            Assert.Equal((2, 2, 2), (replayed.Calls, replayed.CachedCalls, replayed.ReplayedCalls));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static BenchEntry Entry(string yaml, ScriptedChatClient model) =>
        new(Patterns.Compile(yaml, model), BenchEntry.HashText(yaml));

    private static List<long?> Seeds(ScriptedChatClient model) =>
        [.. model.Requests.OrderBy(r => r.Number).Select(r => r.Options?.Seed)];

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    private sealed class RecordingRunLog : PatternEngine.Execution.Logging.IRunLog
    {
        private int _calls;

        public int Calls => _calls;

        public void CallFinished(PatternEngine.Execution.Logging.RunHeader run, PatternEngine.Execution.CallRecord record) => Interlocked.Increment(ref _calls);

        public ValueTask RunFinishedAsync(PatternEngine.Execution.Logging.RunHeader run, PatternEngine.Execution.RunRecord record, string? failure, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }

    private sealed class Recorder(List<BenchProgress> heard) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value)
        {
            lock (heard)
            {
                heard.Add(value);
            }
        }
    }
}
