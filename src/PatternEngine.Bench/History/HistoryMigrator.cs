using System.Collections.Immutable;
using Microsoft.Data.Sqlite;

namespace PatternEngine.Bench.History;

/// <summary>Brings a history file's schema up to date, in one transaction, or refuses a file that is not ours or newer.</summary>
internal static class HistoryMigrator
{
    public static void Migrate(SqliteConnection connection, string path, ImmutableArray<string> migrations)
    {
        using var transaction = connection.BeginTransaction();
        var version = (int)HistoryQueries.Scalar(connection, "PRAGMA user_version", transaction);
        var application = (int)HistoryQueries.Scalar(connection, "PRAGMA application_id", transaction);
        var tables = HistoryQueries.Scalar(connection, "SELECT COUNT(*) FROM sqlite_master", transaction);
        var empty = version == 0 && application == 0 && tables == 0;
        if (!empty && application != HistorySchema.ApplicationId)
        {
            throw new BenchHistoryException($"{path}: a SQLite database, but not a bench history");
        }

        if (version > migrations.Length)
        {
            throw new BenchHistoryException(
                $"{path}: written by a newer patterns (history schema {version}; this one reads up to {migrations.Length}); upgrade patterns or choose another --db");
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
        HistoryQueries.Execute(connection, $"PRAGMA application_id = {HistorySchema.ApplicationId}; PRAGMA user_version = {migrations.Length}", transaction);
        transaction.Commit();
    }
}
