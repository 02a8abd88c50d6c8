using System.Globalization;
using Microsoft.Data.Sqlite;
using PatternEngine.Bench.History;
using PatternEngine.Review;

namespace PatternEngine.Bench.Review;

/// <summary>
/// The review queue in the bench history's SQLite file (<see cref="BenchHistory.DefaultFileName"/> unless named):
/// the same file, schema and migrations, so <c>--db FILE</c> names both. A decision is made once: approving or
/// rejecting an item that is no longer pending is refused, also when two reviewers race.
/// </summary>
/// <remarks>Thread-safe: one connection, one caller at a time.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: items wait in it, in order, for a person.")]
public sealed class SqliteReviewQueue : IReviewQueue, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    private SqliteReviewQueue(string path, SqliteConnection connection, TimeProvider time)
    {
        Path = path;
        _connection = connection;
        _time = time;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens the queue in the history file at <paramref name="path"/>, creating the file (and its folder) or bringing an
    /// older schema up to date. <paramref name="time"/> dates queued items and decisions (the system clock when null).
    /// </summary>
    /// <exception cref="BenchHistoryException">The file is not SQLite, not a history, from a newer version, or cannot be opened.</exception>
    public static SqliteReviewQueue Open(string path, TimeProvider? time = null) => Open(path, create: true, time);

    /// <summary>Opens the queue at <paramref name="path"/>, which must exist; an older schema is brought up to date.</summary>
    /// <exception cref="BenchHistoryException">The file is missing, not SQLite, not a history, from a newer version, or cannot be opened.</exception>
    public static SqliteReviewQueue OpenExisting(string path, TimeProvider? time = null) => Open(path, create: false, time);

    private static SqliteReviewQueue Open(string path, bool create, TimeProvider? time)
    {
        // The history opens, checks and migrates the file; the queue then holds its own connection to it.
        using (var history = create ? BenchHistory.Open(path) : BenchHistory.OpenExisting(path))
        {
        }

        try
        {
            var connection = SqliteStoreConnection.Open(System.IO.Path.GetFullPath(path), SqliteOpenMode.ReadWrite, _ => { });
            return new SqliteReviewQueue(path, connection, time ?? TimeProvider.System);
        }
        catch (SqliteException e)
        {
            throw new BenchHistoryException($"{path}: {OneLine(e.Message)}", e);
        }
    }

    /// <inheritdoc/>
    public Task<ReviewItem> EnqueueAsync(ReviewSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return Guard(() =>
        {
            using var command = HistoryQueries.Command(_connection, """
                INSERT INTO review_items (queued_at, pattern, version, run_id, case_id, inputs, answer, reasons, status)
                VALUES ($at, $pattern, $version, $run, $case, $inputs, $answer, $reasons, 'pending')
                RETURNING id
                """);
            var queuedAt = _time.GetUtcNow();
            command.Bind("$at", Time(queuedAt));
            command.Bind("$pattern", submission.Pattern);
            command.Bind("$version", submission.Version);
            command.Bind("$run", submission.RunId);
            command.Bind("$case", submission.CaseId);
            command.Bind("$inputs", ReviewJson.Inputs(submission.Inputs));
            command.Bind("$answer", submission.Answer);
            command.Bind("$reasons", ReviewJson.Reasons(submission.Reasons));
            var id = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            return new ReviewItem { Id = id, Run = submission, QueuedAt = queuedAt };
        });
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ReviewItem>> ListAsync(ReviewStatus? status = null, CancellationToken cancellationToken = default) =>
        Guard<IReadOnlyList<ReviewItem>>(() =>
        {
            using var command = HistoryQueries.Command(_connection, $"{Select} WHERE $status IS NULL OR status = $status ORDER BY id");
            command.Bind("$status", status is { } s ? Name(s) : null);
            return Read(command);
        });

    /// <inheritdoc/>
    public Task<ReviewItem?> FindAsync(long id, CancellationToken cancellationToken = default) => Guard(() => Find(id));

    /// <inheritdoc/>
    public Task<ReviewItem> ApproveAsync(long id, string? correctedAnswer = null, string? note = null, CancellationToken cancellationToken = default) =>
        Guard(() => Decide(id, ReviewStatus.Approved, correctedAnswer, note));

    /// <inheritdoc/>
    public Task<ReviewItem> RejectAsync(long id, string? note = null, CancellationToken cancellationToken = default) =>
        Guard(() => Decide(id, ReviewStatus.Rejected, correctedAnswer: null, note));

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private const string Select = """
        SELECT id, queued_at, pattern, version, run_id, case_id, inputs, answer, reasons, status, decided_at, corrected_answer, note
        FROM review_items
        """;

    private ReviewItem Decide(long id, ReviewStatus decision, string? correctedAnswer, string? note)
    {
        // One statement decides only a pending item, so two reviewers cannot both decide it.
        using var command = HistoryQueries.Command(_connection, """
            UPDATE review_items SET status = $status, decided_at = $at, corrected_answer = $answer, note = $note
            WHERE id = $id AND status = 'pending'
            """);
        command.Bind("$status", Name(decision));
        command.Bind("$at", Time(_time.GetUtcNow()));
        command.Bind("$answer", correctedAnswer);
        command.Bind("$note", note);
        command.Bind("$id", id);
        var decided = command.ExecuteNonQuery() == 1;
        var item = Find(id) ?? throw new ReviewException($"{Path}: no review item {id} (see 'patterns review list')");
        return decided
            ? item
            : throw new ReviewException($"{Path}: review item {id} is already {Name(item.Status)} ({Time(item.DecidedAt!.Value)}); a decision is made once");
    }

    private ReviewItem? Find(long id)
    {
        using var command = HistoryQueries.Command(_connection, $"{Select} WHERE id = $id");
        command.Bind("$id", id);
        return Read(command).SingleOrDefault();
    }

    private static List<ReviewItem> Read(SqliteCommand command)
    {
        using var r = command.ExecuteReader();
        var items = new List<ReviewItem>();
        while (r.Read())
        {
            items.Add(new ReviewItem
            {
                Id = r.Long("id"),
                QueuedAt = ParseTime(r.String("queued_at")),
                Run = new ReviewSubmission
                {
                    Pattern = r.String("pattern"),
                    Version = r.String("version"),
                    RunId = r.NullableString("run_id"),
                    CaseId = r.NullableString("case_id"),
                    Inputs = ReviewJson.Inputs(r.String("inputs")),
                    Answer = r.String("answer"),
                    Reasons = ReviewJson.Reasons(r.String("reasons")),
                },
                Status = Enum.Parse<ReviewStatus>(r.String("status"), ignoreCase: true),
                DecidedAt = r.NullableString("decided_at") is { } decided ? ParseTime(decided) : null,
                CorrectedAnswer = r.NullableString("corrected_answer"),
                Note = r.NullableString("note"),
            });
        }

        return items;
    }

    /// <summary>A status as the store and the command line write it: pending, approved, rejected.</summary>
    public static string Name(ReviewStatus status) => status.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

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
            return Task.FromException<T>(new ReviewException(PatternEngineErrorKind.RunFailed, $"{Path}: {OneLine(e.Message)}", e));
        }
        catch (ReviewException e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
