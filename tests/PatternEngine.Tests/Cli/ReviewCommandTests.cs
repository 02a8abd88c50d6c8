using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Review;
using PatternEngine.Tests.Bench.Review;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Cli;

/// <summary><c>patterns review ...</c>, and <c>patterns run</c> queueing what a review rule holds.</summary>
[Collection(LocalModelCollection.Name)]
public sealed class ReviewCommandTests : IDisposable
{
    private const string AlwaysReviewed = """
        name: checked
        version: 1.0.0
        inputs:
          question: { type: string, required: true }
        review: { when: "true", reason: every answer is checked }
        stages:
          - { id: answer, kind: prompt, template: "{{ question }}", max_tokens: 8 }
        output: answer
        """;

    private readonly TempDirectory _dir = new();

    private string Db => Path.Combine(_dir.Path, "history.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private async Task<long> QueueAsync(string answer = "B")
    {
        using var queue = SqliteReviewQueue.Open(Db);
        return (await queue.EnqueueAsync(SqliteReviewQueueTests.Submission(answer))).Id;
    }

    [Fact]
    public async Task A_run_the_review_rule_holds_is_queued_and_listed_and_exits_0()
    {
        var pattern = _dir.Write("checked.yaml", AlwaysReviewed);

        var run = await CliHarness.SucceedAsync("run", pattern, "--input", "question=Once upon a time", "--db", Db);

        Assert.Contains("needs review: every answer is checked", run.Out, StringComparison.Ordinal);
        Assert.Contains($"queued for review as item 1 in {Db}", run.Out, StringComparison.Ordinal);
        var list = await CliHarness.SucceedAsync("review", "list", "--db", Db, "--json");
        var item = Assert.IsType<JsonObject>(Assert.Single(JsonNode.Parse(list.Out)!["items"]!.AsArray()));
        Assert.Equal(("checked", "pending", "Once upon a time"), ((string?)item["pattern"], (string?)item["status"], (string?)item["inputs"]!["question"]));
        Assert.Equal("every answer is checked", (string?)item["reasons"]![0]);
        Assert.Matches("^[0-9a-f]{32}$", (string?)item["run_id"]);
    }

    [Fact]
    public async Task A_run_with_no_review_queue_only_says_it_needs_review()
    {
        var pattern = _dir.Write("checked.yaml", AlwaysReviewed);

        var run = await CliHarness.SucceedAsync("run", pattern, "--input", "question=Once upon a time", "--db", Db, "--no-review-queue");

        Assert.Contains("needs review", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task A_run_with_json_keeps_standard_output_to_the_record_and_says_where_it_queued_on_standard_error()
    {
        var pattern = _dir.Write("checked.yaml", AlwaysReviewed);

        var run = await CliHarness.SucceedAsync("run", pattern, "--input", "question=Once upon a time", "--db", Db, "--json");

        Assert.True((bool)JsonNode.Parse(run.Out)!["needs_review"]!);
        Assert.Contains("queued for review as item 1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_with_a_corrected_answer_then_show_and_list_by_status()
    {
        var id = await QueueAsync();
        var other = await QueueAsync("C");

        var approve = await CliHarness.SucceedAsync("review", "approve", $"{id}", "--answer", "A", "--note", "two said A", "--db", Db);
        await CliHarness.SucceedAsync("review", "reject", $"{other}", "--note", "off topic", "--db", Db);
        var show = await CliHarness.SucceedAsync("review", "show", $"{id}", "--db", Db, "--json");
        var view = await CliHarness.SucceedAsync("review", "show", $"{id}", "--db", Db);
        var approved = await CliHarness.SucceedAsync("review", "list", "--status", "approved", "--db", Db);
        var pending = await CliHarness.SucceedAsync("review", "list", "--status", "pending", "--db", Db);

        Assert.Contains($"review item {id} approved, with a corrected answer", approve.Out, StringComparison.Ordinal);
        var json = JsonNode.Parse(show.Out)!;
        Assert.Equal(("approved", "A", "B", "A", "two said A"), ((string?)json["status"], (string?)json["corrected_answer"], (string?)json["answer"], (string?)json["reviewed_answer"], (string?)json["note"]));
        Assert.NotNull((string?)json["decided_at"]);
        Assert.Contains("two said A", view.Out, StringComparison.Ordinal);
        Assert.Contains("voting 1.0.0", approved.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("off topic", approved.Out, StringComparison.Ordinal);
        Assert.Contains($"No pending review items in {Db}.", pending.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deciding_an_item_twice_is_refused_in_one_line_with_exit_2()
    {
        var id = await QueueAsync();
        await CliHarness.SucceedAsync("review", "approve", $"{id}", "--db", Db);

        var again = await CliHarness.RunAsync("review", "reject", $"{id}", "--db", Db);

        CliHarness.AssertInvalidInput(again);
        Assert.StartsWith($"error: {Db}: review item {id} is already approved", CliHarness.AssertOneErrorLine(again), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task An_unknown_id_is_refused_in_one_line_with_exit_2(string command)
    {
        await QueueAsync();

        var result = await CliHarness.RunAsync("review", command, "42", "--db", Db);

        CliHarness.AssertInvalidInput(result);
        Assert.Equal($"error: {Db}: no review item 42 (see 'patterns review list')", CliHarness.AssertOneErrorLine(result));
    }

    [Fact]
    public async Task A_named_queue_that_does_not_exist_is_refused_but_no_default_queue_is_an_empty_list()
    {
        var missing = await CliHarness.RunAsync("review", "list", "--db", Db);
        var status = await CliHarness.RunAsync("review", "list", "--status", "maybe");

        CliHarness.AssertInvalidInput(missing);
        Assert.Contains("no bench history there", CliHarness.AssertOneErrorLine(missing), StringComparison.Ordinal);
        CliHarness.AssertInvalidInput(status);
        Assert.Contains("--status takes pending, approved or rejected", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_the_approved_items_as_golden_cases_the_golden_reader_accepts()
    {
        var id = await QueueAsync();
        await QueueAsync("pending");
        await CliHarness.SucceedAsync("review", "approve", $"{id}", "--answer", "A", "--db", Db);
        var golden = Path.Combine(_dir.Path, "reviewed.jsonl");

        var export = await CliHarness.SucceedAsync("review", "export", "--golden", golden, "--db", Db);

        Assert.Contains($"1 approved review item written to {golden}", export.Out, StringComparison.Ordinal);
        var read = GoldenFile.Load(golden, new GoldenReadOptions { MalformedLines = MalformedLineHandling.Fail });
        var goldenCase = Assert.Single(read.Cases);
        Assert.Equal(($"review-{id}", "A", "Pick one"), (goldenCase.Id, goldenCase.Expected, goldenCase.Inputs["question"]));
    }

    [Fact]
    public async Task An_export_that_cannot_be_written_exits_1_in_one_line()
    {
        var id = await QueueAsync();
        await CliHarness.SucceedAsync("review", "approve", $"{id}", "--db", Db);
        var golden = Path.Combine(_dir.Path, "no-such-folder", "reviewed.jsonl");

        var result = await CliHarness.RunAsync("review", "export", "--golden", golden, "--db", Db);

        Assert.True(result.ExitCode == 1, result.ToString());
        CliHarness.AssertNoStackTrace(result);
        Assert.StartsWith($"error: {golden}: the golden file cannot be written", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }
}
