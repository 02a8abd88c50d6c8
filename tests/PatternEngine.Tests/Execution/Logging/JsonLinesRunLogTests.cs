using System.Text.Json.Nodes;
using PatternEngine.Execution;
using PatternEngine.Execution.Logging;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Execution.Logging;

public sealed class JsonLinesRunLogTests : IDisposable
{
    private const string DraftThenSamples = """
        name: logged
        version: 1.0.0
        stages:
          - id: draft
            kind: prompt
            template: draft
          - id: samples
            kind: fan_out
            count: 3
            body: { template: "sample {{ index }} of {{ draft }}" }
        output: samples
        """;

    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    private List<JsonObject> Lines() => [.. File.ReadAllLines(_file).Select(line => JsonNode.Parse(line)!.AsObject())];

    [Fact]
    public async Task Every_call_and_the_run_are_one_json_line_each_and_add_up()
    {
        using (var log = new JsonLinesRunLog(_file))
        {
            await Patterns.Compile(DraftThenSamples, new ScriptedChatClient(r => "answer for " + r.Prompt))
                .RunAsync(new Dictionary<string, string>(), new RunOptions { Log = log });
        }

        var lines = Lines();
        var calls = lines.Where(l => (string?)l["type"] == "call").ToList();
        var run = lines.Single(l => (string?)l["type"] == "run");
        Assert.Equal(4, calls.Count);
        Assert.Equal("finished", (string?)run["status"]);
        Assert.Equal(calls.Sum(c => (long)c["input_tokens"]!), (long)run["totals"]!["input_tokens"]!);
        Assert.Equal(calls.Sum(c => (long)c["output_tokens"]!), (long)run["totals"]!["output_tokens"]!);
        Assert.Single(lines.Select(l => (string?)l["run_id"]).Distinct());
        Assert.Equal(["draft", "samples", "samples", "samples"], calls.Select(c => (string?)c["stage"]));
    }

    [Fact]
    public async Task A_run_returns_once_every_line_it_logged_is_in_the_file_before_the_log_is_closed()
    {
        using var log = new JsonLinesRunLog(_file);

        await Patterns.Compile(DraftThenSamples, new ScriptedChatClient(_ => "x")).RunAsync(new Dictionary<string, string>(), new RunOptions { Log = log });

        using var stream = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("run", (string?)JsonNode.Parse(lines[^1])!["type"]);
        Assert.Null(log.WriteError);
    }

    [Fact]
    public void A_log_that_cannot_be_opened_is_refused_at_once() =>
        Assert.ThrowsAny<IOException>(() => new JsonLinesRunLog(Path.Combine(_file + ".missing-folder", "log.jsonl")));

    [Fact]
    public async Task A_cancelled_run_leaves_a_log_whose_lines_parse_and_whose_totals_are_the_calls_that_finished()
    {
        using var cancel = new CancellationTokenSource();
        var model = new ScriptedChatClient(async (request, ct) =>
        {
            if (request.Prompt == "draft")
            {
                return "d";
            }

            if (request.Prompt.StartsWith("sample 0", StringComparison.Ordinal))
            {
                await cancel.CancelAsync(); // the user presses Ctrl+C while the samples run
            }

            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            return "late";
        });
        using (var log = new JsonLinesRunLog(_file))
        {
            await Assert.ThrowsAsync<PatternRunException>(() => Patterns.Compile(DraftThenSamples, model)
                .RunAsync(new Dictionary<string, string>(), new RunOptions { Log = log }, cancel.Token));
        }

        var lines = Lines();
        var finished = lines.Where(l => (string?)l["type"] == "call" && l["error"] is null).ToList();
        var run = lines.Single(l => (string?)l["type"] == "run");
        Assert.Equal("failed", (string?)run["status"]);
        Assert.Equal("draft", (string?)Assert.Single(finished)["stage"]);
        Assert.Equal(lines.Count(l => (string?)l["type"] == "call"), (int)run["totals"]!["calls"]!);
        Assert.Equal(finished.Sum(c => (long)c["output_tokens"]!), (long)run["totals"]!["output_tokens"]!);
    }

    [Fact]
    public async Task Call_lines_say_where_each_answer_came_from_and_the_run_line_counts_the_cached_ones()
    {
        var cassetteFile = Path.GetTempFileName();
        try
        {
            using var cassette = PatternEngine.Models.Recording.Cassette.OpenOrCreate(cassetteFile);
            var compiled = Patterns.Compile(DraftThenSamples, new ScriptedChatClient(r => "answer for " + r.Prompt), b => b.UseCassette(cassette));
            await compiled.RunAsync(new Dictionary<string, string>()); // fills the cache
            using (var log = new JsonLinesRunLog(_file))
            {
                await compiled.RunAsync(new Dictionary<string, string>(), new RunOptions { Log = log });
            }
        }
        finally
        {
            File.Delete(cassetteFile);
        }

        var lines = Lines();
        var calls = lines.Where(l => (string?)l["type"] == "call").ToList();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, c => Assert.Equal("cache", (string?)c["source"]));
        Assert.All(calls, c => Assert.True((bool)c["cached"]!));
        Assert.All(calls, c => Assert.Equal(1, (int)c["attempt"]!));
        Assert.All(calls, c => Assert.True(c.ContainsKey("time_to_first_token_ms")));
        var run = lines.Single(l => (string?)l["type"] == "run");
        Assert.Equal(4, (int)run["totals"]!["cached_calls"]!);
        Assert.Equal([1, 3], run["stages"]!.AsArray().Select(s => (int)s!["cached_calls"]!));
    }

    [Fact]
    public async Task A_log_that_throws_does_not_fail_the_run_and_each_stage_says_which_calls_it_could_not_take()
    {
        var record = await Patterns.Compile(DraftThenSamples, new ScriptedChatClient(_ => "x"))
            .RunAsync(new Dictionary<string, string>(), new RunOptions { Log = new BrokenLog() });

        Assert.Equal(4, record.Totals.Calls);
        Assert.Equal([1, 3], record.Stages.Select(s => s.Issues.Count(i => i.StartsWith("the run log could not take a call of the stage (IOException: disk full)", StringComparison.Ordinal))));
    }

    private sealed class BrokenLog : IRunLog
    {
        public void CallFinished(RunHeader run, CallRecord record) => throw new IOException("disk full");

        public ValueTask RunFinishedAsync(RunHeader run, RunRecord record, string? failure, CancellationToken cancellationToken) => throw new IOException("disk full");
    }
}
