using System.Text.Json.Nodes;
using PatternEngine.Bench.Conversations;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Cli;

/// <summary><c>patterns converse</c> and <c>run --conversation</c> on the real embedded model.</summary>
[Collection(LocalModelCollection.Name)]
public sealed class ConverseCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Store => Path.Combine(_dir.Path, "conversations.db");

    private string Turns() => _dir.Write("turns.jsonl", """
        {"user": "My dog is called Rex."}
        {"user": "I live in Lisbon."}
        {"user": "What is my dog called?", "expected": "Rex"}
        """);

    [Fact]
    public async Task Converse_runs_each_turn_stores_it_and_continues_with_run()
    {
        var result = await CliHarness.SucceedAsync("converse", "zero-token-memory", "--turns", Turns(), "--conversation", "talk", "--store", Store, "--json");

        var json = Assert.IsType<JsonObject>(JsonNode.Parse(result.Out));
        Assert.Equal("talk", (string?)json["conversation"]);
        Assert.Equal(Store, (string?)json["store"]);
        var turns = json["turns"]!.AsArray();
        Assert.Equal(3, turns.Count);
        Assert.Equal(2, (int?)turns[2]!["record"]!["conversation"]!["turn"]);
        var recalled = turns[2]!["record"]!["stages"]![0]!;
        Assert.Equal("read", (string?)recalled["memory"]!["operation"]);
        Assert.True((int?)recalled["memory"]!["rows"] >= 1);
        Assert.Equal(1, (int?)json["totals"]!["scored_turns"]);
        Assert.Equal(turns.Sum(t => (long)t!["record"]!["totals"]!["input_tokens"]!), (long?)json["totals"]!["input_tokens"]);

        var next = await CliHarness.SucceedAsync("run", "zero-token-memory", "--conversation", "talk", "--store", Store, "--input", "question=Where do I live?", "--json");

        Assert.Equal(3, (int?)JsonNode.Parse(next.Out)!["conversation"]!["turn"]);
        using var store = SqliteConversationStore.Open(Store);
        Assert.Equal(4, (await store.TurnsAsync("talk")).Count);
    }

    [Fact]
    public async Task Forget_deletes_the_conversation_and_no_store_keeps_nothing()
    {
        await CliHarness.SucceedAsync("converse", "full-history", "--turns", Turns(), "--conversation", "secret", "--store", Store);

        var forgot = await CliHarness.SucceedAsync("converse", "--forget", "secret", "--store", Store);
        var again = await CliHarness.RunAsync("converse", "--forget", "secret", "--store", Store);

        Assert.Contains("forgot conversation 'secret'", forgot.Out, StringComparison.Ordinal);
        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"error: {Store}: no conversation 'secret' to forget", again.Error.Trim());
        using (var store = SqliteConversationStore.Open(Store))
        {
            Assert.Null(await store.FindAsync("secret"));
        }

        File.Delete(Store);
        var unstored = await CliHarness.SucceedAsync("converse", "full-history", "--turns", Turns(), "--no-store");
        Assert.Contains("not stored (--no-store)", unstored.Out, StringComparison.Ordinal);
        Assert.Equal(["turns.jsonl"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_bad_turns_file_is_refused_at_its_line_before_any_model_loads()
    {
        var turns = _dir.Write("bad.jsonl", "{\"user\": \"hi\"}\n{\"user\": \"a\", \"role\": \"system\"}\n");

        var result = await CliHarness.RunAsync("converse", "full-history", "--turns", turns, "--store", Store);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{turns}:2:15: unknown field 'role'; a turn has user and expected", result.Error.Trim());
        Assert.False(File.Exists(Store));
    }

    [Fact]
    public async Task Run_refuses_a_conversation_the_store_does_not_hold()
    {
        var result = await CliHarness.RunAsync("run", "full-history", "--conversation", "nope", "--store", Store, "--input", "question=hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no conversation 'nope' to continue", result.Error, StringComparison.Ordinal);
    }
}
