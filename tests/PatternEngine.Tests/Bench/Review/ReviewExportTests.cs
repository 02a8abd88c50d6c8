using System.Collections.Immutable;
using Microsoft.Data.Sqlite;
using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Review;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Bench.Review;

public sealed class ReviewExportTests : IDisposable
{
    private const string AskQuestion = """
        name: ask
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - { id: answer, kind: prompt, template: "{{ question }}" }
        output: answer
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("review-export-tests-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static PatternEngine.Review.ReviewSubmission Asked(string question, string answer) =>
        SqliteReviewQueueTests.Submission(answer) with
        {
            Pattern = "ask",
            Inputs = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("question", question)]),
        };

    [Fact]
    public async Task Approved_items_export_as_golden_cases_that_a_bench_reads_and_scores_by_the_reviewed_answer()
    {
        using var queue = SqliteReviewQueue.Open(Path.Combine(_dir, "history.db"));
        var corrected = await queue.EnqueueAsync(Asked("Capital of France? \"quoted\"\nsecond line", "Lyon"));
        var kept = await queue.EnqueueAsync(Asked("Capital of Italy?", "Rome"));
        var rejected = await queue.EnqueueAsync(Asked("Capital of Spain?", "Lisbon"));
        await queue.EnqueueAsync(Asked("Capital of Peru?", "Lima")); // still pending
        await queue.ApproveAsync(corrected.Id, correctedAnswer: "Paris");
        await queue.ApproveAsync(kept.Id);
        await queue.RejectAsync(rejected.Id);
        var golden = Path.Combine(_dir, "reviewed.jsonl");

        var written = await ReviewExport.WriteGoldenAsync(queue, golden);

        Assert.Equal(2, written);
        var cases = GoldenFile.Load(golden, new GoldenReadOptions { MalformedLines = MalformedLineHandling.Fail });
        Assert.Equal([$"review-{corrected.Id}", $"review-{kept.Id}"], cases.Cases.Select(c => c.Id));
        Assert.Equal(["Paris", "Rome"], cases.Cases.Select(c => c.Expected));
        Assert.Equal("Capital of France? \"quoted\"\nsecond line", cases.Cases[0].Inputs["question"]);

        // The model answers Paris to everything: right on the corrected case, wrong on the one whose answer was Rome.
        var model = new ScriptedChatClient(_ => "Paris");
        var entry = new BenchEntry(Patterns.Compile(AskQuestion, model), BenchEntry.HashText(AskQuestion));
        var report = await BenchRunner.RunAsync(entry, [], cases, new BenchOptions { Warmup = false });

        Assert.Equal([true, false], report.Samples.OrderBy(s => s.CaseId, StringComparer.Ordinal).Select(s => s.Correct));
        Assert.Equal(0.5, report.Patterns[0].Accuracy);
    }

    [Fact]
    public async Task With_nothing_approved_no_golden_file_is_written()
    {
        using var queue = SqliteReviewQueue.Open(Path.Combine(_dir, "history.db"));
        await queue.EnqueueAsync(Asked("Capital of France?", "Lyon"));
        var golden = Path.Combine(_dir, "reviewed.jsonl");

        Assert.Equal(0, await ReviewExport.WriteGoldenAsync(queue, golden));
        Assert.False(File.Exists(golden));
    }
}
