using System.Collections.Immutable;

namespace PatternEngine.Bench.Conversations;

/// <summary>
/// The conversation store's schema as migrations (entry <c>i</c> takes version <c>i</c> to <c>i + 1</c>, in
/// <c>PRAGMA user_version</c>), run by the history's migrator. Memories are indexed by an FTS5 table over their
/// text (Porter stemming, so <c>dogs</c> finds <c>dog</c>), kept in step by triggers.
/// </summary>
internal static class ConversationSchema
{
    /// <summary>"PTRC": tells conversation stores from histories and other SQLite databases.</summary>
    public const int ApplicationId = 0x50545243;

    private const string Version1 = """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            pattern TEXT NOT NULL,
            started_at TEXT NOT NULL
        );

        CREATE TABLE turns (
            conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            turn INTEGER NOT NULL,
            user_text TEXT NOT NULL,
            answer TEXT NOT NULL,
            pattern TEXT NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cost_usd REAL NOT NULL,
            wall_ms REAL NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (conversation_id, turn)
        );

        CREATE TABLE memories (
            id INTEGER PRIMARY KEY,
            conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            turn INTEGER NOT NULL,
            fact TEXT NOT NULL
        );
        CREATE INDEX memories_by_conversation ON memories (conversation_id, turn);

        CREATE VIRTUAL TABLE memories_fts USING fts5 (fact, content = 'memories', content_rowid = 'id', tokenize = 'porter unicode61');
        CREATE TRIGGER memories_indexed AFTER INSERT ON memories BEGIN
            INSERT INTO memories_fts (rowid, fact) VALUES (new.id, new.fact);
        END;
        CREATE TRIGGER memories_unindexed AFTER DELETE ON memories BEGIN
            INSERT INTO memories_fts (memories_fts, rowid, fact) VALUES ('delete', old.id, old.fact);
        END;
        """;

    public static readonly ImmutableArray<string> Migrations = [Version1];
}
