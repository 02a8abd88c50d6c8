using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PatternEngine.Bench.History;
using PatternEngine.Conversations;

namespace PatternEngine.Bench.Conversations;

/// <summary>
/// Conversations, their turns and their memories in one SQLite file (WAL mode, versioned schema), memories found
/// again with full-text search (FTS5, ranked by BM25). <see cref="InMemory"/> keeps everything in the process only
/// (<c>--no-store</c>). Deleted text is overwritten (<c>secure_delete</c>) and the log checkpointed when a conversation
/// is forgotten, so that nothing of it stays in the file.
/// </summary>
/// <remarks>Thread-safe: one connection, one caller at a time (stages of a turn may read and write concurrently).</remarks>
public sealed partial class SqliteConversationStore : IConversationStore, IMemoryStore, IDisposable
{
    /// <summary>The file name <c>patterns</c> uses in the working directory when no store is named.</summary>
    public const string DefaultFileName = "patterns-conversations.db";

    /// <summary>The most words of a recall query that are searched for.</summary>
    public const int MaxQueryWords = 32;

    private static readonly SqliteStoreKind Kind = new(ConversationSchema.ApplicationId, "conversation store", "--store", message => new ConversationException(PatternEngineErrorKind.InvalidInput, message));

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    private SqliteConversationStore(string path, SqliteConnection connection, TimeProvider time)
    {
        Path = path;
        _connection = connection;
        _time = time;
    }

    /// <summary>The database file (<c>:memory:</c> for a store in memory).</summary>
    public string Path { get; }

    /// <summary>The schema version this build writes, and the newest it reads.</summary>
    public static int SchemaVersion => ConversationSchema.Migrations.Length;

    /// <summary>Opens the store at <paramref name="path"/>, creating the file (and its folder) or bringing an older schema up to date.</summary>
    /// <exception cref="ConversationException">The file is not SQLite, not a conversation store, from a newer version, or cannot be opened.</exception>
    public static SqliteConversationStore Open(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ConversationException(PatternEngineErrorKind.InvalidInput, $"{path}: is a folder, not a conversation store file");
        }

        if (System.IO.Path.GetDirectoryName(full) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return OpenConnection(path, full, time, wal: true);
    }

    /// <summary>A store that lives in the process only and is gone when disposed: nothing reaches a disk.</summary>
    public static SqliteConversationStore InMemory(TimeProvider? time = null) => OpenConnection(":memory:", ":memory:", time, wal: false);

    private static SqliteConversationStore OpenConnection(string path, string dataSource, TimeProvider? time, bool wal)
    {
        try
        {
            var connection = SqliteStoreConnection.Open(dataSource, SqliteOpenMode.ReadWriteCreate, connection =>
            {
                HistoryQueries.Execute(connection, "PRAGMA secure_delete = ON");
                HistoryMigrator.Migrate(connection, path, ConversationSchema.Migrations, Kind);
                if (wal)
                {
                    HistoryQueries.Execute(connection, "PRAGMA journal_mode = WAL");
                }
            });
            return new SqliteConversationStore(path, connection, time ?? TimeProvider.System);
        }
        catch (SqliteException e)
        {
            throw Wrap(path, e);
        }
    }

    /// <inheritdoc/>
    public Task<ConversationInfo?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Guard(() =>
        {
            using var command = HistoryQueries.Command(_connection, "SELECT pattern, started_at FROM conversations WHERE id = $id");
            command.Bind("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new ConversationInfo(id, reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture))
                : null;
        });
    }

    /// <inheritdoc/>
    public Task<ConversationInfo> StartAsync(string? id, string pattern, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var conversation = new ConversationInfo(id ?? Guid.NewGuid().ToString("N"), pattern, _time.GetUtcNow());
        if (conversation.Id.Length is 0 or > 200)
        {
            throw new ConversationException(PatternEngineErrorKind.InvalidInput, "a conversation id has 1 to 200 characters");
        }

        return Guard(() =>
        {
            using var command = HistoryQueries.Command(_connection, "INSERT INTO conversations (id, pattern, started_at) VALUES ($id, $pattern, $at) ON CONFLICT DO NOTHING");
            command.Bind("$id", conversation.Id);
            command.Bind("$pattern", pattern);
            command.Bind("$at", conversation.StartedAt.ToString("O", CultureInfo.InvariantCulture));
            return command.ExecuteNonQuery() == 1
                ? conversation
                : throw new ConversationException(PatternEngineErrorKind.InvalidInput, $"{Path}: a conversation '{conversation.Id}' exists already");
        });
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ConversationTurn>> TurnsAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Guard<IReadOnlyList<ConversationTurn>>(() =>
        {
            using var command = HistoryQueries.Command(_connection, """
                SELECT turn, user_text, answer, pattern, input_tokens, output_tokens, cost_usd, wall_ms, at
                FROM turns WHERE conversation_id = $id ORDER BY turn
                """);
            command.Bind("$id", id);
            using var reader = command.ExecuteReader();
            var turns = new List<ConversationTurn>();
            while (reader.Read())
            {
                turns.Add(new ConversationTurn
                {
                    Index = reader.GetInt32(0),
                    User = reader.GetString(1),
                    Answer = reader.GetString(2),
                    Pattern = reader.GetString(3),
                    InputTokens = reader.GetInt64(4),
                    OutputTokens = reader.GetInt64(5),
                    CostUsd = (decimal)reader.GetDouble(6),
                    WallMs = reader.GetDouble(7),
                    At = DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                });
            }

            return turns;
        });
    }

    /// <inheritdoc/>
    public Task AppendAsync(string id, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(turn);
        return Guard(() =>
        {
            using var transaction = _connection.BeginTransaction();
            var next = NextTurn(id, transaction) ?? throw new ConversationException(PatternEngineErrorKind.InvalidInput, $"no conversation '{id}' in {Path}");
            if (turn.Index != next)
            {
                throw new ConversationException(PatternEngineErrorKind.InvalidInput, $"conversation '{id}' has {next} turn(s): the next is turn {next}, not {turn.Index}");
            }

            using var command = HistoryQueries.Command(_connection, """
                INSERT INTO turns (conversation_id, turn, user_text, answer, pattern, input_tokens, output_tokens, cost_usd, wall_ms, at)
                VALUES ($id, $turn, $user, $answer, $pattern, $input, $output, $cost, $wall, $at)
                """, transaction);
            command.Bind("$id", id);
            command.Bind("$turn", turn.Index);
            command.Bind("$user", turn.User);
            command.Bind("$answer", turn.Answer);
            command.Bind("$pattern", turn.Pattern);
            command.Bind("$input", turn.InputTokens);
            command.Bind("$output", turn.OutputTokens);
            command.Bind("$cost", (double)turn.CostUsd);
            command.Bind("$wall", turn.WallMs);
            command.Bind("$at", turn.At.ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
            transaction.Commit();
            return true;
        });
    }

    /// <inheritdoc/>
    public Task<bool> ForgetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Guard(() =>
        {
            // Turns and memories go with the conversation (ON DELETE CASCADE); the trigger takes each memory out of
            // the index. The optimize merges the index's segments, so that no deleted word stays in an old one.
            using var command = HistoryQueries.Command(_connection, "DELETE FROM conversations WHERE id = $id");
            command.Bind("$id", id);
            var deleted = command.ExecuteNonQuery() == 1;
            if (deleted)
            {
                HistoryQueries.Execute(_connection, "INSERT INTO memories_fts (memories_fts) VALUES ('optimize')");
                if (Path != ":memory:")
                {
                    HistoryQueries.Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE)");
                }
            }

            return deleted;
        });
    }

    /// <inheritdoc/>
    public Task<MemoryWrite> RememberAsync(string conversationId, int turn, IReadOnlyList<string> facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(facts);
        return Guard(() =>
        {
            using var transaction = _connection.BeginTransaction();
            if (NextTurn(conversationId, transaction) is null)
            {
                throw new ConversationException(PatternEngineErrorKind.InvalidInput, $"no conversation '{conversationId}' in {Path}");
            }

            using var command = HistoryQueries.Command(_connection, "INSERT INTO memories (conversation_id, turn, fact) VALUES ($id, $turn, $fact)", transaction);
            var fact = command.Parameters.Add("$fact", SqliteType.Text);
            command.Bind("$id", conversationId);
            command.Bind("$turn", turn);
            long bytes = 0;
            foreach (var text in facts)
            {
                fact.Value = text;
                command.ExecuteNonQuery();
                bytes += Encoding.UTF8.GetByteCount(text);
            }

            transaction.Commit();
            return new MemoryWrite(facts.Count, bytes);
        });
    }

    /// <inheritdoc/>
    public Task<MemoryRecall> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.TopK, 1);
        var match = MatchExpression(query.Text);
        if (match is null)
        {
            return Task.FromResult(new MemoryRecall([], 0));
        }

        return Guard(() =>
        {
            // bm25() is lower for better matches: ascending order puts the most relevant first.
            using var command = HistoryQueries.Command(_connection, """
                SELECT m.fact, m.turn, bm25(memories_fts) AS rank
                FROM memories_fts JOIN memories m ON m.id = memories_fts.rowid
                WHERE memories_fts MATCH $match AND m.conversation_id = $id AND m.turn < $before
                ORDER BY rank, m.id
                LIMIT $k
                """);
            command.Bind("$match", match);
            command.Bind("$id", query.ConversationId);
            command.Bind("$before", query.BeforeTurn);
            command.Bind("$k", query.TopK);
            using var reader = command.ExecuteReader();
            var facts = new List<RecalledFact>();
            long bytes = 0;
            while (reader.Read())
            {
                var text = reader.GetString(0);
                bytes += Encoding.UTF8.GetByteCount(text);
                facts.Add(new RecalledFact(text, reader.GetInt32(1), -reader.GetDouble(2)));
            }

            return new MemoryRecall(facts, bytes);
        });
    }

    /// <summary>
    /// The FTS5 query for a text: its words, each quoted (so that nothing a user typed is FTS5 syntax), any of them.
    /// Null when the text has no word.
    /// </summary>
    internal static string? MatchExpression(string text)
    {
        var words = Word().Matches(text)
            .Select(m => m.Value.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Take(MaxQueryWords)
            .ToList();
        return words.Count == 0 ? null : string.Join(" OR ", words.Select(w => "\"" + w + "\""));
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    // How many turns the conversation has, or null when there is no such conversation.
    private long? NextTurn(string id, SqliteTransaction transaction)
    {
        using var command = HistoryQueries.Command(_connection, "SELECT (SELECT COUNT(*) FROM turns WHERE conversation_id = $id) FROM conversations WHERE id = $id", transaction);
        command.Bind("$id", id);
        return command.ExecuteScalar() is long count ? count : null;
    }

    private Task<T> Guard<T>(Func<T> action)
    {
        try
        {
            lock (_lock)
            {
                return Task.FromResult(action());
            }
        }
        catch (SqliteException e)
        {
            return Task.FromException<T>(Wrap(Path, e));
        }
        catch (ConversationException e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static ConversationException Wrap(string path, SqliteException error) => error.SqliteErrorCode switch
    {
        SqliteNotADatabase => new ConversationException(PatternEngineErrorKind.InvalidInput, $"{path}: not a SQLite database, so not a conversation store", error),
        _ => new ConversationException(PatternEngineErrorKind.RunFailed, $"{path}: {error.Message.ReplaceLineEndings(" ").Trim()}", error),
    };

    private const int SqliteNotADatabase = 26;

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
