using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PatternEngine.Bench.History;

/// <summary>The few ADO.NET steps every query repeats.</summary>
internal static class HistoryQueries
{
    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(connection, sql, transaction);
        command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(connection, sql, transaction);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Binds a value, with null as SQL NULL.</summary>
    public static void Bind(this SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    public static double? NullableDouble(this SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
    }

    public static string? NullableString(this SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static int Int(this SqliteDataReader reader, string column) => reader.GetInt32(reader.GetOrdinal(column));

    public static long Long(this SqliteDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column));

    public static double Double(this SqliteDataReader reader, string column) => reader.GetDouble(reader.GetOrdinal(column));

    public static string String(this SqliteDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    public static bool Bool(this SqliteDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column)) != 0;

    /// <summary>The bench columns of the current row, with its id from <paramref name="idColumn"/>.</summary>
    public static StoredBench Bench(SqliteDataReader r, string idColumn) => new()
    {
        Id = r.Long(idColumn),
        StartedAt = DateTimeOffset.Parse(r.String("started_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Model = r.String("model"),
        ModelVersion = r.NullableString("model_version"),
        Baseline = r.String("baseline"),
        GoldenFile = r.String("golden_file"),
        Cases = r.Int("cases"),
        Repeats = r.Int("repeats"),
        Seed = r.Int("seed"),
        BootstrapResamples = r.Int("bootstrap_resamples"),
        SkippedLines = r.Int("skipped_lines"),
    };
}
