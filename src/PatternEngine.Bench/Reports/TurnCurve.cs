using System.Collections.Immutable;

namespace PatternEngine.Bench.Reports;

/// <summary>
/// The per-turn token curve of a bench's conversation cases: for each pattern and turn, the mean input tokens (and
/// output tokens, latency) over the runs that played that turn. Empty when the bench had no conversation case.
/// </summary>
public static class TurnCurve
{
    /// <summary>Each pattern's curve, in the report's pattern order.</summary>
    public static ImmutableArray<PatternTurnCurve> Of(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var byPattern = report.Samples.Where(s => !s.Turns.IsEmpty).ToLookup(s => s.Pattern, StringComparer.Ordinal);
        return [.. report.Patterns
            .Where(p => byPattern[p.Pattern].Any())
            .Select(p => new PatternTurnCurve(p.Pattern, [.. byPattern[p.Pattern]
                .SelectMany(s => s.Turns)
                .GroupBy(t => t.Index)
                .OrderBy(g => g.Key)
                .Select(g => new TurnPoint(g.Key, g.Count(), g.Average(t => (double)t.InputTokens), g.Average(t => (double)t.OutputTokens), g.Average(t => t.LatencyMs)))]))];
    }
}

/// <summary>A pattern's mean figures per turn.</summary>
/// <param name="Pattern">The pattern.</param>
/// <param name="Points">One point per turn, in turn order.</param>
public sealed record PatternTurnCurve(string Pattern, ImmutableArray<TurnPoint> Points);

/// <summary>The mean figures of one turn over the runs that played it.</summary>
/// <param name="Turn">The turn, from 0.</param>
/// <param name="Runs">Runs that played it.</param>
/// <param name="InputTokens">Mean tokens sent.</param>
/// <param name="OutputTokens">Mean tokens received.</param>
/// <param name="LatencyMs">Mean wall time.</param>
public sealed record TurnPoint(int Turn, int Runs, double InputTokens, double OutputTokens, double LatencyMs);
