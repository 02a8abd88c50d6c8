using Microsoft.Data.Sqlite;
using PatternEngine.Bench.Conversations;
using PatternEngine.Conversations;
using PatternEngine.Tests.Cli;

namespace PatternEngine.Tests.Conversations;

public sealed class SqliteConversationStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string StorePath => Path.Combine(_dir.Path, "conversations.db");

    private static ConversationTurn Turn(int index, string user = "hello") =>
        new() { Index = index, User = user, Answer = "hi", Pattern = "p", InputTokens = 3, OutputTokens = 2, CostUsd = 0.001m, WallMs = 5 };

    [Fact]
    public async Task The_served_sqlite_has_fts5_and_recall_ranks_the_rarest_shared_words_first()
    {
        using var store = SqliteConversationStore.Open(StorePath);
        await store.StartAsync("c", "p");
        await store.RememberAsync("c", 0, ["My dog is called Rex.", "The weather is nice today.", "I work as a nurse in the city."]);
        await store.RememberAsync("c", 1, ["My sister has two dogs."]);

        var recall = await store.RecallAsync(new MemoryQuery("c", 5, "What is my dog called?", 10));

        Assert.Equal("My dog is called Rex.", recall.Facts[0].Text);
        Assert.Equal(0, recall.Facts[0].Turn);
        Assert.Contains(recall.Facts, f => f.Text == "My sister has two dogs."); // stemmed: dogs finds dog
        Assert.DoesNotContain(recall.Facts, f => f.Text.Contains("nurse", StringComparison.Ordinal));
        Assert.True(recall.Facts.Zip(recall.Facts.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Equal(recall.Facts.Sum(f => System.Text.Encoding.UTF8.GetByteCount(f.Text)), recall.Bytes);
    }

    [Fact]
    public async Task Recall_finds_only_earlier_turns_of_its_own_conversation_and_at_most_top_k()
    {
        using var store = SqliteConversationStore.InMemory();
        await store.StartAsync("a", "p");
        await store.StartAsync("b", "p");
        await store.RememberAsync("a", 0, ["red apple", "red car", "red door"]);
        await store.RememberAsync("a", 2, ["red hat"]);
        await store.RememberAsync("b", 0, ["red boat"]);

        var recall = await store.RecallAsync(new MemoryQuery("a", 2, "red", 2));

        Assert.Equal(2, recall.Rows);
        Assert.All(recall.Facts, f => Assert.Equal(0, f.Turn));
        Assert.DoesNotContain(recall.Facts, f => f.Text is "red hat" or "red boat");
    }

    [Theory]
    [InlineData("\"dog")]
    [InlineData("dog OR * NEAR( x")]
    [InlineData("col:dog AND -rex ^start")]
    public async Task A_query_is_words_only_so_text_that_looks_like_fts5_syntax_never_fails(string query)
    {
        using var store = SqliteConversationStore.InMemory();
        await store.StartAsync("c", "p");
        await store.RememberAsync("c", 0, ["my dog rex"]);

        var recall = await store.RecallAsync(new MemoryQuery("c", 1, query, 5));

        Assert.Equal("my dog rex", Assert.Single(recall.Facts).Text);
    }

    [Fact]
    public async Task A_query_without_words_recalls_nothing()
    {
        using var store = SqliteConversationStore.InMemory();
        await store.StartAsync("c", "p");
        await store.RememberAsync("c", 0, ["fact"]);

        Assert.Empty((await store.RecallAsync(new MemoryQuery("c", 1, "?! ...", 5))).Facts);
        Assert.Null(SqliteConversationStore.MatchExpression("  ,;  "));
        Assert.Equal("\"dog\" OR \"rex\"", SqliteConversationStore.MatchExpression("Dog? \"rex\" dog"));
    }

    [Fact]
    public async Task Turns_are_kept_in_order_in_a_wal_file_that_reopens_with_them()
    {
        using (var store = SqliteConversationStore.Open(StorePath))
        {
            await store.StartAsync("c", "full-history");
            await store.AppendAsync("c", Turn(0, "first"));
            await store.AppendAsync("c", Turn(1, "second"));
            var error = await Assert.ThrowsAsync<ConversationException>(() => store.AppendAsync("c", Turn(5)));
            Assert.Contains("the next is turn 2, not 5", error.Message, StringComparison.Ordinal);
        }

        using var reopened = SqliteConversationStore.Open(StorePath);
        Assert.Equal("full-history", (await reopened.FindAsync("c"))!.Pattern);
        Assert.Equal(["first", "second"], (await reopened.TurnsAsync("c")).Select(t => t.User));
        Assert.Equal(0.001m, (await reopened.TurnsAsync("c"))[0].CostUsd);
        using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    [Fact]
    public async Task Forgetting_a_conversation_deletes_its_turns_and_memories_and_no_other()
    {
        using var store = SqliteConversationStore.Open(StorePath);
        await store.StartAsync("secret", "p");
        await store.StartAsync("other", "p");
        await store.AppendAsync("secret", Turn(0, "my pin is 4921"));
        await store.RememberAsync("secret", 0, ["my pin is 4921"]);
        await store.RememberAsync("other", 0, ["my pin is unknown"]);

        Assert.True(await store.ForgetAsync("secret"));

        Assert.Null(await store.FindAsync("secret"));
        Assert.Empty(await store.TurnsAsync("secret"));
        Assert.Empty((await store.RecallAsync(new MemoryQuery("secret", 9, "pin 4921", 5))).Facts);
        Assert.Single((await store.RecallAsync(new MemoryQuery("other", 9, "pin", 5))).Facts);
        Assert.False(await store.ForgetAsync("secret"));
        store.Dispose();
        var bytes = await File.ReadAllBytesAsync(StorePath);
        Assert.DoesNotContain("4921", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_another_sqlite_database_is_refused_with_its_name()
    {
        using (var connection = new SqliteConnection($"Data Source={StorePath};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<ConversationException>(() => SqliteConversationStore.Open(StorePath));
        Assert.Equal($"{StorePath}: a SQLite database, but not a conversation store", error.Message);
        Assert.Equal(PatternEngineErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public async Task Starting_an_id_twice_is_refused()
    {
        using var store = SqliteConversationStore.InMemory();
        var started = await store.StartAsync(null, "p");
        Assert.Equal(32, started.Id.Length);

        var error = await Assert.ThrowsAsync<ConversationException>(() => store.StartAsync(started.Id, "p"));
        Assert.Contains("exists already", error.Message, StringComparison.Ordinal);
    }
}
