using Microsoft.Data.Sqlite;

namespace PatternEngine.Bench.History;

/// <summary>How every store of the engine (the bench history, the conversation store) opens its SQLite file.</summary>
internal static class SqliteStoreConnection
{
    /// <summary>
    /// Opens <paramref name="dataSource"/> unpooled with foreign keys on, and readies it with <paramref name="prepare"/>
    /// (pragmas, migrations). Whatever fails, the connection is closed before the failure goes on, as it was thrown.
    /// </summary>
    public static SqliteConnection Open(string dataSource, SqliteOpenMode mode, Action<SqliteConnection> prepare)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = dataSource,
            Mode = mode,
            ForeignKeys = true,
            Pooling = false, // a pooled connection would keep the file open after Dispose
        }.ToString());
        try
        {
            connection.Open();
            prepare(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
