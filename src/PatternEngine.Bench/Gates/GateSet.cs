using System.Collections.Immutable;

namespace PatternEngine.Bench.Gates;

/// <summary>The gates of one gate file.</summary>
/// <param name="File">The file's path as given.</param>
/// <param name="Gates">The gates, in the file's order.</param>
public sealed record GateSet(string File, ImmutableArray<Gate> Gates)
{
    /// <summary>
    /// The thresholds that apply to <paramref name="pattern"/>: those of <c>*</c>, each replaced by the pattern's own
    /// gate where it states the same threshold again.
    /// </summary>
    public ImmutableArray<GateThreshold> For(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var thresholds = new Dictionary<string, GateThreshold>(StringComparer.Ordinal);
        foreach (var gate in Gates.Where(g => g.Pattern == Gate.AllPatterns).Concat(Gates.Where(g => g.Pattern == pattern)))
        {
            foreach (var threshold in gate.Thresholds)
            {
                thresholds[threshold.Name] = threshold;
            }
        }

        return [.. thresholds.Values.OrderBy(t => GateMetric.Order(t.Name))];
    }
}
