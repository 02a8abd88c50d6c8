using System.Collections.Immutable;

namespace PatternEngine.Bench.Reports;

/// <summary>The parts of a report every writer shows the same way: the baseline, the notes behind missing deltas, cached and failed runs.</summary>
internal sealed class BenchReportParts
{
    private readonly Dictionary<string, int> _noteNumbers = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];

    public BenchReportParts(BenchReport report)
    {
        Report = report;
        Baseline = report.Patterns.FirstOrDefault(p => p.IsBaseline)
            ?? report.Patterns.FirstOrDefault(p => p.Pattern == report.Baseline);
        Compared = [.. report.Patterns.Where(p => !ReferenceEquals(p, Baseline))];
        Cached = [.. report.Samples.Where(s => s.Cached).GroupBy(s => s.Pattern, StringComparer.Ordinal).Select(g => new CachedRuns(
            g.Key,
            g.Count(),
            report.Patterns.FirstOrDefault(p => p.Pattern == g.Key)?.Runs ?? g.Count(),
            g.Sum(s => s.CachedCalls),
            g.Sum(s => s.ReplayedCalls),
            [.. g.Select(s => s.CaseId).Distinct(StringComparer.Ordinal)]))];
        Failed = [.. report.Samples.Where(s => s.Error is not null)];

        // Numbered row by row, so that every writer numbers the notes alike whatever order it asks in.
        foreach (var pattern in Compared)
        {
            foreach (var metric in BenchMetric.All.Where(m => m.Of(pattern.Deltas) is null))
            {
                NoteFor(metric, pattern);
            }
        }
    }

    public BenchReport Report { get; }

    public PatternSummary? Baseline { get; }

    /// <summary>Every pattern but the baseline, in report order.</summary>
    public ImmutableArray<PatternSummary> Compared { get; }

    public ImmutableArray<CachedRuns> Cached { get; }

    public ImmutableArray<BenchSample> Failed { get; }

    /// <summary>The notes handed out by <see cref="NoteFor"/>, numbered from 1 in order.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The number of the note saying why a pattern has no delta on a metric; one note per distinct reason.</summary>
    public int NoteFor(BenchMetric metric, PatternSummary pattern)
    {
        var reason = Baseline is null ? "the report holds no baseline to compare with" : metric.WhyUnavailable(Baseline, pattern);
        if (!_noteNumbers.TryGetValue(reason, out var number))
        {
            _notes.Add(reason);
            number = _notes.Count;
            _noteNumbers[reason] = number;
        }

        return number;
    }

    /// <summary>The cases of cached runs, the first few by name.</summary>
    public static string CaseList(ImmutableArray<string> cases, int shown = 10) =>
        cases.Length <= shown ? string.Join(", ", cases) : string.Join(", ", cases.Take(shown)) + $", and {cases.Length - shown} more";
}

/// <summary>A pattern's runs that had a call answered from a cache or cassette; <paramref name="Replayed"/> of the calls were replayed.</summary>
internal sealed record CachedRuns(string Pattern, int Runs, int OfRuns, int Calls, int Replayed, ImmutableArray<string> Cases)
{
    /// <summary>Where the calls were answered from: a cache, a replayed cassette or both.</summary>
    public string ServedFrom => BenchFormat.ServedFrom(Calls, Replayed);
}
