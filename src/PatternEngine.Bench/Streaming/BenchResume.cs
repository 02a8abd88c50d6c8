using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PatternEngine.Bench.History;

namespace PatternEngine.Bench.Streaming;

/// <summary>A stored bench that did not finish, with the runs it finished (as compact samples) and the models they called.</summary>
internal sealed record ResumedBench(
    long BenchId,
    DateTimeOffset StartedAt,
    Dictionary<string, long> ResultIds,
    ImmutableArray<BenchSample> Samples,
    IReadOnlyList<string> Models);

/// <summary>
/// Finds the bench <c>--resume</c> continues: the newest unfinished bench in the history with the same
/// <see cref="BenchIdentity"/>; refuses, saying what differs, when the unfinished benches are all of another bench.
/// </summary>
internal static class BenchResume
{
    public static ResumedBench Find(BenchHistory history, BenchIdentity identity, IReadOnlyCollection<string> caseIds) =>
        history.Use(connection => Find(connection, history.Path, identity, caseIds));

    private static ResumedBench Find(SqliteConnection connection, string path, BenchIdentity identity, IReadOnlyCollection<string> caseIds)
    {
        var unfinished = Unfinished(connection);
        if (unfinished.Count == 0)
        {
            throw new BenchHistoryException($"{path}: no interrupted bench to resume; run the bench without --resume");
        }

        var match = unfinished.FirstOrDefault(b => identity.DifferenceFrom(b.Identity) is null);
        if (match is null)
        {
            var newest = unfinished[0];
            throw new BenchHistoryException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: cannot resume bench {newest.Id} (started {newest.StartedAt:u}): {identity.DifferenceFrom(newest.Identity)}; run the bench as it was, or without --resume"));
        }

        // The kept samples share the bench's own strings: the pattern names of the identity, the golden cases' ids.
        var names = identity.Patterns.Keys.ToDictionary(n => n, n => n, StringComparer.Ordinal);
        var ids = caseIds.ToDictionary(i => i, i => i, StringComparer.Ordinal);
        return new ResumedBench(match.Id, match.StartedAt, match.ResultIds, Samples(connection, match.Id, names, ids), Models(connection, match.Id));
    }

    private sealed record UnfinishedBench(long Id, DateTimeOffset StartedAt, BenchIdentity Identity, Dictionary<string, long> ResultIds);

    private static List<UnfinishedBench> Unfinished(SqliteConnection connection)
    {
        var benches = new List<(long Id, DateTimeOffset StartedAt, BenchIdentity Identity)>();
        using (var command = HistoryQueries.Command(connection, """
            SELECT id, started_at, baseline, golden_hash, stage_models, model_version, seed, repeats
            FROM benches WHERE status <> 'complete' AND golden_hash IS NOT NULL ORDER BY id DESC
            """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                benches.Add((reader.Long("id"), DateTimeOffset.Parse(reader.String("started_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), new BenchIdentity
                {
                    Baseline = reader.String("baseline"),
                    Patterns = ImmutableSortedDictionary<string, string>.Empty,
                    GoldenHash = reader.String("golden_hash"),
                    StageModels = reader.NullableString("stage_models") ?? "",
                    ModelVersion = reader.NullableString("model_version"),
                    Seed = reader.Int("seed"),
                    Repeats = reader.Int("repeats"),
                }));
            }
        }

        using var results = HistoryQueries.Command(connection, "SELECT id, pattern, file_hash FROM pattern_results WHERE bench_id = $id");
        var benchId = results.Parameters.AddWithValue("$id", 0L);
        return [.. benches.Select(bench =>
        {
            benchId.Value = bench.Id;
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            var hashes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            using var reader = results.ExecuteReader();
            while (reader.Read())
            {
                ids[reader.String("pattern")] = reader.Long("id");
                hashes[reader.String("pattern")] = reader.String("file_hash");
            }

            return new UnfinishedBench(bench.Id, bench.StartedAt, bench.Identity with { Patterns = hashes.ToImmutable() }, ids);
        })];
    }

    private static ImmutableArray<BenchSample> Samples(SqliteConnection connection, long benchId, Dictionary<string, string> names, Dictionary<string, string> caseIds)
    {
        using var command = HistoryQueries.Command(connection, """
            SELECT r.pattern, s.case_id, s.repeat_index, s.calls, s.cached_calls, s.replayed_calls, s.input_tokens, s.output_tokens,
                   s.cost_usd, s.unpriced_calls, s.latency_ms, s.correct, s.error, s.facts
            FROM samples s JOIN pattern_results r ON r.id = s.pattern_result_id
            WHERE s.bench_id = $id
            ORDER BY s.id
            """);
        command.Bind("$id", benchId);
        using var reader = command.ExecuteReader();
        var samples = ImmutableArray.CreateBuilder<BenchSample>();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var caseId = reader.String("case_id");
            var error = reader.NullableString("error");
            var sample = new BenchSample
            {
                Pattern = names[reader.String("pattern")],
                CaseId = caseIds.GetValueOrDefault(caseId, caseId),
                Repeat = reader.Int("repeat_index"),
                Calls = reader.Int("calls"),
                CachedCalls = reader.Int("cached_calls"),
                ReplayedCalls = reader.Int("replayed_calls"),
                InputTokens = reader.Long("input_tokens"),
                OutputTokens = reader.Long("output_tokens"),
                CostUsd = (decimal)reader.Double("cost_usd"),
                UnpricedCalls = reader.Int("unpriced_calls"),
                LatencyMs = reader.Double("latency_ms"),
                Correct = reader.IsDBNull(reader.GetOrdinal("correct")) ? null : reader.Bool("correct"),
                Error = error is null ? null : errors.TryAdd(error, error) ? error : errors[error],
            };
            samples.Add(SampleFacts.With(sample, reader.NullableString("facts")));
        }

        return samples.ToImmutable();
    }

    private static List<string> Models(SqliteConnection connection, long benchId)
    {
        using var command = HistoryQueries.Command(connection, """
            SELECT DISTINCT c.model FROM calls c JOIN samples s ON s.id = c.sample_id WHERE s.bench_id = $id
            """);
        command.Bind("$id", benchId);
        using var reader = command.ExecuteReader();
        var models = new List<string>();
        while (reader.Read())
        {
            models.Add(reader.GetString(0));
        }

        return models;
    }
}
