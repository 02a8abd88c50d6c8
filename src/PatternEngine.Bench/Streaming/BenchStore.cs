using System.Collections.Immutable;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.History;

namespace PatternEngine.Bench.Streaming;

/// <summary>
/// Where a bench keeps what it measures while it runs: with <see cref="BenchOptions.History"/>, a bench row started
/// (or, with <see cref="BenchOptions.Resume"/>, found) before the first run, each finished run streamed to it, and its
/// figures and status written at the end; without, nothing.
/// </summary>
internal sealed class BenchStore
{
    private readonly BenchHistory? _history;
    private readonly long _benchId;

    private BenchStore(DateTimeOffset startedAt, ImmutableArray<BenchSample> resumed, BenchHistory? history, long benchId, IReadOnlyDictionary<string, long>? resultIds)
    {
        StartedAt = startedAt;
        Resumed = resumed;
        _history = history;
        _benchId = benchId;
        Stream = history is null || resultIds is null ? null : new HistoryStream(history, benchId, resultIds);
    }

    /// <summary>When the bench started: a resumed bench's first start.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The runs a resumed bench finished before, as compact samples.</summary>
    public ImmutableArray<BenchSample> Resumed { get; }

    /// <summary>Where finished runs go, when the bench has a history.</summary>
    public HistoryStream? Stream { get; }

    /// <exception cref="BenchHistoryException">The history failed, or <see cref="BenchOptions.Resume"/> found no bench to continue.</exception>
    public static BenchStore Open(IReadOnlyList<BenchEntry> entries, GoldenSet golden, BenchOptions options, SampleCompactor compactor)
    {
        var startedAt = options.Time.GetUtcNow();
        if (options.History is not { } history)
        {
            return new BenchStore(startedAt, [], null, 0, null);
        }

        var identity = BenchIdentity.Of(entries, golden, options);
        if (options.Resume)
        {
            var resumed = BenchResume.Find(history, identity, [.. golden.Cases.Select(c => c.Id)]);
            compactor.AddModels(resumed.Models);
            return new BenchStore(resumed.StartedAt, resumed.Samples, history, resumed.BenchId, resumed.ResultIds);
        }

        // The patterns' rows hold placeholders until the bench ends: runs point at them as they are stored.
        var start = new BenchReport
        {
            StartedAt = startedAt,
            Model = "unknown",
            ModelVersion = options.ModelVersion,
            Baseline = entries[0].Name,
            GoldenFile = golden.File,
            Cases = golden.Cases.Length,
            Repeats = options.Repeats,
            Seed = options.Seed,
            BootstrapResamples = options.Resamples,
            SkippedLines = golden.Errors,
            Patterns = [.. entries.Select((e, i) => new PatternSummary { Pattern = e.Name, Version = e.Pattern.Definition.Version, FileHash = e.FileHash, IsBaseline = i == 0 })],
            Samples = [],
        };
        var (benchId, resultIds) = history.Use(connection => HistoryWriter.Begin(connection, start, identity));
        return new BenchStore(startedAt, [], history, benchId, resultIds);
    }

    /// <summary>Stores every run queued so far.</summary>
    public Task FlushAsync() => Stream?.CompleteAsync() ?? Task.CompletedTask;

    /// <summary>Writes the bench's figures and status (complete, or interrupted and resumable); the report with its history id.</summary>
    public BenchReport Finish(BenchReport report)
    {
        if (_history is null)
        {
            return report;
        }

        _history.Use(connection => HistoryWriter.Finish(connection, _benchId, report, report.Interrupted ? BenchStatus.Interrupted : BenchStatus.Complete));
        return report with { HistoryId = _benchId };
    }
}
