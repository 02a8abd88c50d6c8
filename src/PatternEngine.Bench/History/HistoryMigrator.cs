using System.Collections.Immutable;
using Microsoft.Data.Sqlite;

namespace PatternEngine.Bench.History;

/// <summary>Brings a store's schema up to date, in one transaction, or refuses a file that is not ours or newer.</summary>
internal static class HistoryMigrator
{
    /// <summary>The bench history's kind: its application id, its name in messages, its exception.</summary>
    public static readonly SqliteStoreKind BenchHistoryKind = new(HistorySchema.ApplicationId, "bench history", "--db", message => new BenchHistoryException(message));

    public static void Migrate(SqliteConnection connection, string path, ImmutableArray<string> migrations) =>
        Migrate(connection, path, migrations, BenchHistoryKind);

    public static void Migrate(SqliteConnection connection, string path, ImmutableArray<string> migrations, SqliteStoreKind kind)
    {
        using var transaction = connection.BeginTransaction();
        var version = (int)HistoryQueries.Scalar(connection, "PRAGMA user_version", transaction);
        var application = (int)HistoryQueries.Scalar(connection, "PRAGMA application_id", transaction);
        var tables = HistoryQueries.Scalar(connection, "SELECT COUNT(*) FROM sqlite_master", transaction);
        var empty = version == 0 && application == 0 && tables == 0;
        if (!empty && application != kind.ApplicationId)
        {
            throw kind.Error($"{path}: a SQLite database, but not a {kind.Name}");
        }

        if (version > migrations.Length)
        {
            throw kind.Error(
                $"{path}: written by a newer patterns ({kind.Name} schema {version}; this one reads up to {migrations.Length}); upgrade patterns or choose another {kind.Option}");
        }

        if (version == migrations.Length)
        {
            return;
        }

        foreach (var migration in migrations[version..])
        {
            HistoryQueries.Execute(connection, migration, transaction);
        }

        // PRAGMAs take no parameters; both values are integers this code chose.
        HistoryQueries.Execute(connection, $"PRAGMA application_id = {kind.ApplicationId}; PRAGMA user_version = {migrations.Length}", transaction);
        transaction.Commit();
    }
}

/// <summary>What tells one kind of store file from another: its <c>PRAGMA application_id</c>, its name and option in messages, its exception.</summary>
internal sealed record SqliteStoreKind(int ApplicationId, string Name, string Option, Func<string, Exception> Error);
