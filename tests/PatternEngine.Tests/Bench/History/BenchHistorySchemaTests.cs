using Microsoft.Data.Sqlite;
using PatternEngine.Bench.History;
using PatternEngine.Tests.Cli;

namespace PatternEngine.Tests.Bench.History;

public sealed class BenchHistorySchemaTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "history.db");

    [Fact]
    public void Open_creates_the_file_and_its_folder_and_marks_the_schema_version()
    {
        var path = Path.Combine(_dir.Path, "results", "history.db");

        using (BenchHistory.Open(path))
        {
        }

        Assert.True(File.Exists(path));
        Assert.Equal((long)BenchHistory.SchemaVersion, Pragma(path, "user_version"));
        Assert.NotEqual(0L, Pragma(path, "application_id"));
    }

    [Fact]
    public void Reopening_a_history_keeps_what_was_saved()
    {
        long id;
        using (var history = BenchHistory.Open(Db))
        {
            id = history.Save(SyntheticBench.Report(SyntheticBench.Start));
        }

        using var reopened = BenchHistory.OpenExisting(Db);

        Assert.Equal([id, id], reopened.PatternHistory().Select(e => e.Bench.Id));
    }

    [Fact]
    public void An_empty_file_becomes_a_history()
    {
        File.WriteAllBytes(Db, []);

        using var history = BenchHistory.OpenExisting(Db);

        Assert.Equal(0, history.BenchCount());
        Assert.Equal((long)BenchHistory.SchemaVersion, Pragma(Db, "user_version"));
    }

    [Fact]
    public void An_older_schema_is_migrated_on_open_and_keeps_its_benches()
    {
        var version1 = HistorySchema.Migrations;
        using (var old = BenchHistory.Open(Db, create: true, version1))
        {
            old.Save(SyntheticBench.Report(SyntheticBench.Start));
        }

        using var history = BenchHistory.Open(Db, create: false, [.. version1, "ALTER TABLE benches ADD COLUMN note TEXT"]);

        Assert.Equal(version1.Length + 1L, Pragma(Db, "user_version"));
        Assert.Equal(1, history.BenchCount());
        Assert.Equal(0L, Scalar(Db, "SELECT COUNT(*) FROM benches WHERE note IS NOT NULL"));
    }

    [Fact]
    public void A_migration_that_fails_leaves_the_file_at_its_old_version()
    {
        var version1 = HistorySchema.Migrations;
        using (BenchHistory.Open(Db, create: true, version1))
        {
        }

        var error = Assert.Throws<BenchHistoryException>(() =>
            BenchHistory.Open(Db, create: false, [.. version1, "ALTER TABLE benches ADD COLUMN note TEXT; THIS IS NOT SQL"]));

        Assert.StartsWith(Db + ": ", error.Message, StringComparison.Ordinal);
        Assert.Equal((long)version1.Length, Pragma(Db, "user_version"));
        Assert.Equal(0L, Scalar(Db, "SELECT COUNT(*) FROM pragma_table_info('benches') WHERE name = 'note'"));
    }

    [Fact]
    public void A_file_from_a_newer_schema_is_refused_with_its_path_and_versions()
    {
        using (BenchHistory.Open(Db))
        {
        }

        Scalar(Db, $"PRAGMA user_version = {BenchHistory.SchemaVersion + 1}");

        var error = Assert.Throws<BenchHistoryException>(() => BenchHistory.Open(Db));

        Assert.StartsWith(Db + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Contains($"schema {BenchHistory.SchemaVersion + 1}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_file_that_is_not_SQLite_is_refused_and_left_as_it_was()
    {
        var text = "name: demo\nversion: 1.0.0\n" + new string('x', 200);
        File.WriteAllText(Db, text);

        var error = Assert.Throws<BenchHistoryException>(() => BenchHistory.Open(Db));

        Assert.Equal(Db + ": not a SQLite database, so not a bench history", error.Message);
        Assert.Equal(text, File.ReadAllText(Db));
    }

    [Fact]
    public void Another_programs_SQLite_database_is_refused_untouched()
    {
        Scalar(Db, "CREATE TABLE people (name TEXT)");

        var error = Assert.Throws<BenchHistoryException>(() => BenchHistory.Open(Db));

        Assert.Equal(Db + ": a SQLite database, but not a bench history", error.Message);
        Assert.Equal(0L, Pragma(Db, "user_version"));
        Assert.Equal(1L, Scalar(Db, "SELECT COUNT(*) FROM sqlite_master"));
    }

    [Fact]
    public void Open_existing_refuses_a_missing_file_without_creating_it()
    {
        var error = Assert.Throws<BenchHistoryException>(() => BenchHistory.OpenExisting(Db));

        Assert.Equal(Db + ": no bench history there (no such file)", error.Message);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void A_folder_is_refused_as_a_history_file()
    {
        var error = Assert.Throws<BenchHistoryException>(() => BenchHistory.Open(_dir.Path));

        Assert.StartsWith(_dir.Path + ": ", error.Message, StringComparison.Ordinal);
    }

    private static long Pragma(string path, string name) => (long)Scalar(path, "PRAGMA " + name)!;

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
