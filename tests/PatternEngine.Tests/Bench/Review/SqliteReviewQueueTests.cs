using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PatternEngine.Bench.History;
using PatternEngine.Bench.Review;
using PatternEngine.Review;
using System.Collections.Immutable;

namespace PatternEngine.Tests.Bench.Review;

public sealed class SqliteReviewQueueTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("review-queue-tests-").FullName;
    private readonly FakeTimeProvider _time = new(Start);

    private string Db => Path.Combine(_dir, "history.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    internal static ReviewSubmission Submission(string answer = "B", string question = "Pick one") => new()
    {
        Pattern = "voting",
        Version = "1.0.0",
        Inputs = new Dictionary<string, string> { ["question"] = question, ["items"] = "[\"a\",\"b\"]" }.ToImmutableSortedDictionary(StringComparer.Ordinal),
        Answer = answer,
        Reasons = ["low vote agreement"],
        RunId = "run-1",
    };

    [Fact]
    public async Task A_queued_run_comes_back_pending_with_everything_it_was_queued_with()
    {
        using var queue = SqliteReviewQueue.Open(Db, _time);

        var queued = await queue.EnqueueAsync(Submission());
        var found = await queue.FindAsync(queued.Id);

        Assert.NotNull(found);
        Assert.Equal(ReviewStatus.Pending, found.Status);
        Assert.Equal(Start, found.QueuedAt);
        Assert.Equal(("voting", "1.0.0", "B", "run-1"), (found.Run.Pattern, found.Run.Version, found.Run.Answer, found.Run.RunId));
        Assert.Equal(Submission().Inputs, found.Run.Inputs);
        Assert.Equal("low vote agreement", Assert.Single(found.Run.Reasons));
        Assert.Null(found.DecidedAt);
    }

    [Fact]
    public async Task Approving_with_a_corrected_answer_dates_the_decision_and_keeps_the_note()
    {
        using var queue = SqliteReviewQueue.Open(Db, _time);
        var queued = await queue.EnqueueAsync(Submission());
        _time.Advance(TimeSpan.FromHours(1));

        var approved = await queue.ApproveAsync(queued.Id, correctedAnswer: "A", note: "two of four said A");

        Assert.Equal(ReviewStatus.Approved, approved.Status);
        Assert.Equal(Start.AddHours(1), approved.DecidedAt);
        Assert.Equal(("A", "two of four said A", "A", "B"), (approved.CorrectedAnswer, approved.Note, approved.ReviewedAnswer, approved.Run.Answer));
    }

    [Fact]
    public async Task The_list_is_oldest_first_and_filters_by_status()
    {
        using var queue = SqliteReviewQueue.Open(Db, _time);
        var first = await queue.EnqueueAsync(Submission("one"));
        var second = await queue.EnqueueAsync(Submission("two"));
        var third = await queue.EnqueueAsync(Submission("three"));
        await queue.ApproveAsync(first.Id);
        await queue.RejectAsync(third.Id, "off topic");

        Assert.Equal([first.Id, second.Id, third.Id], (await queue.ListAsync()).Select(i => i.Id));
        Assert.Equal([second.Id], (await queue.ListAsync(ReviewStatus.Pending)).Select(i => i.Id));
        Assert.Equal([first.Id], (await queue.ListAsync(ReviewStatus.Approved)).Select(i => i.Id));
        var rejected = Assert.Single(await queue.ListAsync(ReviewStatus.Rejected));
        Assert.Equal((third.Id, "off topic"), (rejected.Id, rejected.Note));
    }

    [Fact]
    public async Task A_decision_is_made_once()
    {
        using var queue = SqliteReviewQueue.Open(Db, _time);
        var queued = await queue.EnqueueAsync(Submission());
        await queue.RejectAsync(queued.Id);

        var error = await Assert.ThrowsAsync<ReviewException>(() => queue.ApproveAsync(queued.Id, "A"));

        Assert.Equal(PatternEngineErrorKind.InvalidInput, error.Kind);
        Assert.Contains($"review item {queued.Id} is already rejected", error.Message, StringComparison.Ordinal);
        Assert.Contains(Db, error.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Rejected, (await queue.FindAsync(queued.Id))!.Status);
    }

    [Fact]
    public async Task Two_reviewers_racing_on_one_item_decide_it_once()
    {
        using var one = SqliteReviewQueue.Open(Db, _time);
        using var other = SqliteReviewQueue.Open(Db, _time);
        var queued = await one.EnqueueAsync(Submission());

        var outcomes = await Task.WhenAll(
            Task.Run(() => Decided(one.ApproveAsync(queued.Id))),
            Task.Run(() => Decided(other.RejectAsync(queued.Id))));

        Assert.Single(outcomes, decided => decided);

        static async Task<bool> Decided(Task<ReviewItem> decision)
        {
            try
            {
                await decision;
                return true;
            }
            catch (ReviewException)
            {
                return false;
            }
        }
    }

    [Fact]
    public async Task An_unknown_id_is_refused_by_name()
    {
        using var queue = SqliteReviewQueue.Open(Db, _time);

        var error = await Assert.ThrowsAsync<ReviewException>(() => queue.RejectAsync(99));

        Assert.Equal($"{Db}: no review item 99 (see 'patterns review list')", error.Message);
        Assert.Null(await queue.FindAsync(99));
    }

    [Fact]
    public async Task The_queue_shares_the_history_file_and_its_schema()
    {
        using (var queue = SqliteReviewQueue.Open(Db, _time))
        {
            await queue.EnqueueAsync(Submission());
        }

        using var history = BenchHistory.OpenExisting(Db);
        Assert.Equal(0, history.BenchCount());
        using var reopened = SqliteReviewQueue.OpenExisting(Db, _time);
        Assert.Single(await reopened.ListAsync());
    }

    [Fact]
    public async Task A_history_from_before_the_queue_gains_it_when_opened_and_stays_a_history()
    {
        // Found by its table, not its place: later migrations follow the queue's.
        var queueMigration = HistorySchema.Migrations.IndexOf(HistorySchema.Migrations.Single(m => m.Contains("CREATE TABLE review_items", StringComparison.Ordinal)));
        using (BenchHistory.Open(Db, create: true, HistorySchema.Migrations[..queueMigration]))
        {
        }

        using (var queue = SqliteReviewQueue.OpenExisting(Db, _time))
        {
            await queue.EnqueueAsync(Submission());
            Assert.Single(await queue.ListAsync(ReviewStatus.Pending));
        }

        using var history = BenchHistory.OpenExisting(Db);
        Assert.Equal(0, history.BenchCount());
    }

    [Fact]
    public void A_file_that_is_not_a_history_is_refused()
    {
        File.WriteAllText(Db, "not a database, just text that is long enough to look like a header of something");

        var error = Assert.Throws<BenchHistoryException>(() => SqliteReviewQueue.Open(Db, _time));

        Assert.Contains(Db, error.Message, StringComparison.Ordinal);
    }
}
