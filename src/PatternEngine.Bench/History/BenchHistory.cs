using System.Collections.Immutable;
using Microsoft.Data.Sqlite;

namespace PatternEngine.Bench.History;

/// <summary>
/// The bench history: every saved <see cref="BenchReport"/> in one SQLite file, down to each model call, so that
/// later benches can be compared with earlier ones and models profiled per stage.
/// </summary>
/// <remarks>Not thread-safe: one connection, used by one caller at a time.</remarks>
public sealed class BenchHistory : IDisposable
{
    /// <summary>The file name <c>patterns</c> uses in the working directory when no database is named.</summary>
    public const string DefaultFileName = "patterns-history.db";

    /// <summary>The schema version this build writes, and the newest it reads.</summary>
    public static int SchemaVersion => HistorySchema.Migrations.Length;

    private readonly SqliteConnection _connection;

    private BenchHistory(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens the history at <paramref name="path"/>, creating the file (and its folder) or bringing an older schema up to date.</summary>
    /// <exception cref="BenchHistoryException">The file is not SQLite, not a history, from a newer version, or cannot be opened.</exception>
    public static BenchHistory Open(string path) => Open(path, create: true, HistorySchema.Migrations);

    /// <summary>Opens the history at <paramref name="path"/>, which must exist; an older schema is brought up to date.</summary>
    /// <exception cref="BenchHistoryException">The file is missing, not SQLite, not a history, from a newer version, or cannot be opened.</exception>
    public static BenchHistory OpenExisting(string path) => Open(path, create: false, HistorySchema.Migrations);

    /// <summary>Opens with the given migrations (entry <c>i</c> takes version <c>i</c> to <c>i + 1</c>): tests pass their own.</summary>
    internal static BenchHistory Open(string path, bool create, ImmutableArray<string> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!create && !File.Exists(full))
        {
            throw new BenchHistoryException($"{path}: no bench history there (no such file)");
        }

        if (Directory.Exists(full))
        {
            throw new BenchHistoryException($"{path}: is a folder, not a bench history file");
        }

        if (create && System.IO.Path.GetDirectoryName(full) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        try
        {
            var mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite;
            return new BenchHistory(path, SqliteStoreConnection.Open(full, mode, connection => HistoryMigrator.Migrate(connection, path, migrations)));
        }
        catch (SqliteException e)
        {
            throw Wrap(path, e);
        }
    }

    /// <summary>Saves a bench, its pattern results, samples, stages and calls in one transaction.</summary>
    /// <returns>The bench's id in the history.</returns>
    /// <exception cref="ArgumentException">A sample names a pattern the report does not summarise.</exception>
    /// <exception cref="BenchHistoryException">The database failed; nothing was saved.</exception>
    public long Save(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Guard(() => HistoryWriter.Save(_connection, report));
    }

    /// <summary>Benches stored that finished (an interrupted bench waiting for <see cref="BenchOptions.Resume"/> is not counted).</summary>
    public long BenchCount() => Guard(() => HistoryQueries.Scalar(_connection, "SELECT COUNT(*) FROM benches WHERE status = 'complete'"));

    /// <summary>The patterns with stored results, by name.</summary>
    public IReadOnlyList<string> PatternNames() =>
        Guard(() => HistoryQueries.Strings(_connection, "SELECT DISTINCT r.pattern FROM pattern_results r JOIN benches b ON b.id = r.bench_id WHERE b.status = 'complete' ORDER BY 1"));

    /// <summary>The models benches ran on or calls were answered by, by name.</summary>
    public IReadOnlyList<string> ModelNames() =>
        Guard(() => HistoryQueries.Strings(_connection, """
            SELECT model FROM benches WHERE status = 'complete'
            UNION SELECT c.model FROM calls c JOIN samples s ON s.id = c.sample_id JOIN benches b ON b.id = s.bench_id WHERE b.status = 'complete'
            ORDER BY 1
            """));

    /// <summary>Pattern results, newest bench first, each with its result in the bench before on the same model.</summary>
    /// <param name="pattern">Only this pattern; null for all.</param>
    /// <param name="model">Only benches on this model (the bench's model); null for all.</param>
    /// <param name="limit">At most this many results; null for all.</param>
    public IReadOnlyList<PatternHistoryEntry> PatternHistory(string? pattern = null, string? model = null, int? limit = null) =>
        Guard(() => PatternHistoryReader.Read(_connection, pattern, model, limit));

    /// <summary>A model's figures per bench over the calls it answered, newest first, each with the bench before.</summary>
    /// <param name="model">The model, as calls name it.</param>
    /// <param name="limit">At most this many benches; null for all.</param>
    public IReadOnlyList<ModelHistoryEntry> ModelHistory(string model, int? limit = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return Guard(() => ModelHistoryReader.Read(_connection, model, limit));
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    /// <summary>Runs <paramref name="action"/> on the connection, a database failure reported as <see cref="BenchHistoryException"/>.</summary>
    internal void Use(Action<SqliteConnection> action) => Guard(() =>
    {
        action(_connection);
        return 0;
    });

    /// <inheritdoc cref="Use(Action{SqliteConnection})"/>
    internal T Use<T>(Func<SqliteConnection, T> action) => Guard(() => action(_connection));

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            throw Wrap(Path, e);
        }
    }

    private static BenchHistoryException Wrap(string path, SqliteException error) => error.SqliteErrorCode switch
    {
        SqliteNotADatabase => new BenchHistoryException($"{path}: not a SQLite database, so not a bench history", error),
        _ => new BenchHistoryException($"{path}: {OneLine(error.Message)}", error),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private const int SqliteNotADatabase = 26;
}
