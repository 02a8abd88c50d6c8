using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Recording;
using Snapshooter;
using Snapshooter.Xunit;

namespace PatternEngine.Testing;

/// <summary>
/// Snapshot tests of pattern runs: a pattern is replayed from a cassette (no model is ever called) and its run
/// record, without the figures that differ from run to run, is matched with a Snapshooter snapshot.
/// </summary>
/// <example>
/// <code>
/// [Fact]
/// public Task The_triage_pattern_answers_as_recorded() =>
///     PatternSnapshot.MatchAsync("patterns/triage.yaml", new Dictionary&lt;string, string&gt; { ["ticket"] = "Printer on fire" }, "cassettes/triage.jsonl");
/// </code>
/// </example>
public static class PatternSnapshot
{
    /// <summary>
    /// The properties left out of a snapshot wherever they occur: wall times, latencies and times to first token
    /// (measured afresh or recorded on another machine), and ids and timestamps.
    /// </summary>
    public static IReadOnlySet<string> VolatileFields { get; } = new[]
    {
        "wall_ms", "latency_ms", "time_to_first_token_ms", "run_id", "call_id", "timestamp", "started_at", "finished_at",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Replays the pattern file from the cassette and matches its run record with the calling test's snapshot.</summary>
    /// <returns>The replayed run's record, for further assertions.</returns>
    /// <exception cref="CassetteMissException">The pattern made a request the cassette does not hold.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)] // Snapshooter finds the calling test on the stack
    public static Task<RunRecord> MatchAsync(
        string patternFile, IReadOnlyDictionary<string, string> inputs, string cassettePath, PatternSnapshotOptions? options = null, CancellationToken cancellationToken = default) =>
        MatchAsync(PatternFile.Load(patternFile, new PatternLoadOptions { Library = options?.Library }), inputs, cassettePath, options, cancellationToken);

    /// <summary>Replays the pattern from the cassette and matches its run record with the calling test's snapshot.</summary>
    /// <returns>The replayed run's record, for further assertions.</returns>
    /// <exception cref="CassetteMissException">The pattern made a request the cassette does not hold.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Task<RunRecord> MatchAsync(
        PatternDefinition pattern, IReadOnlyDictionary<string, string> inputs, string cassettePath, PatternSnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PatternSnapshotOptions();

        // Named before the first await: after it, the calling test is no longer on the stack.
        var name = SnapshotNames.Resolve(options);
        return MatchAfterReplayAsync(pattern, inputs, cassettePath, options, name, cancellationToken);
    }

    /// <summary>Replays the pattern from the cassette: every answer, with its recorded usage and latency, comes from it.</summary>
    /// <exception cref="CassetteFileException">The cassette does not exist, holds no calls or has a broken line.</exception>
    /// <exception cref="CassetteMissException">The pattern made a request the cassette does not hold.</exception>
    public static async Task<RunRecord> ReplayAsync(
        PatternDefinition pattern, IReadOnlyDictionary<string, string> inputs, string cassettePath, PatternSnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(cassettePath);
        options ??= new PatternSnapshotOptions();

        // Read (and checked, every line) before its routes are taken from it.
        await using var cassette = Cassette.Load(cassettePath);
        var builder = new PatternEngineBuilder().UseCassette(cassette, CassetteMode.Replay).AddPlugins(options.Plugins);
        if (options.Library is { } library)
        {
            builder.WithPatternLibrary(library);
        }

        foreach (var (name, route) in options.Routes ?? CassetteRoutes.Of(cassettePath))
        {
            builder.AddRoute(name, route);
        }

        await using var engine = builder.Build();
        return await engine.Compile(pattern).RunAsync(inputs, options.RunOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The run record as JSON (<see cref="RunRecordJson"/>) without <see cref="VolatileFields"/> and
    /// <paramref name="ignoredFields"/>, with each stage's calls (nested stages' too) in a fixed order (concurrent
    /// calls finish in any).
    /// </summary>
    public static JsonObject StableJson(RunRecord record, IEnumerable<string>? ignoredFields = null)
    {
        var ignored = new HashSet<string>(VolatileFields, StringComparer.Ordinal);
        ignored.UnionWith(ignoredFields ?? []);
        var json = RunRecordJson.ToJson(record);
        Remove(json, ignored);
        SortCalls(json["stages"]!.AsArray());
        return json;
    }

    /// <summary>Matches the record's <see cref="StableJson"/> with a snapshot named as <paramref name="options"/> say.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ShouldMatchSnapshot(this RunRecord record, PatternSnapshotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        options ??= new PatternSnapshotOptions();
        Match(record, SnapshotNames.Resolve(options), options);
    }

    private static async Task<RunRecord> MatchAfterReplayAsync(
        PatternDefinition pattern, IReadOnlyDictionary<string, string> inputs, string cassettePath, PatternSnapshotOptions options, SnapshotFullName name, CancellationToken cancellationToken)
    {
        var record = await ReplayAsync(pattern, inputs, cassettePath, options, cancellationToken).ConfigureAwait(false);
        Match(record, name, options);
        return record;
    }

    private static void Match(RunRecord record, SnapshotFullName name, PatternSnapshotOptions options)
    {
        SnapshotNames.EnsureExistsWhenRequired(name, options);
        Snapshot.Match(SnapshotJson.ToToken(StableJson(record, options.IgnoredFields)), name);
    }

    private static void SortCalls(JsonArray stages)
    {
        foreach (var stage in stages.OfType<JsonObject>())
        {
            if (stage["call_records"] is JsonArray calls)
            {
                stage["call_records"] = new JsonArray([.. calls.Select(c => c!.DeepClone()).OrderBy(c => c.ToJsonString(), StringComparer.Ordinal)]);
            }

            if (stage["stages"] is JsonArray nested)
            {
                SortCalls(nested);
            }
        }
    }

    private static void Remove(JsonNode? node, HashSet<string> ignored)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var name in json.Select(p => p.Key).Where(ignored.Contains).ToList())
                {
                    json.Remove(name);
                }

                foreach (var property in json)
                {
                    Remove(property.Value, ignored);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Remove(item, ignored);
                }

                break;
        }
    }
}
