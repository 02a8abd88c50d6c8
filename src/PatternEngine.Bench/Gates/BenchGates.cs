using PatternEngine.Definitions;

namespace PatternEngine.Bench.Gates;

/// <summary>
/// Judges a bench report against gates: each threshold on the measured 95% interval, <see cref="GateVerdict.Pass"/>
/// when it lies wholly on the right side of the limit, <see cref="GateVerdict.Fail"/> when wholly on the wrong side,
/// <see cref="GateVerdict.Inconclusive"/> when it straddles it (with an estimate of the cases that would settle it).
/// </summary>
public static class BenchGates
{
    /// <summary>Judges every pattern of <paramref name="report"/> on the thresholds that apply to it.</summary>
    /// <param name="report">A bench report.</param>
    /// <param name="gates">The gates (<see cref="GateFile.Load"/>).</param>
    /// <param name="inconclusive">What an inconclusive or unmeasured threshold does (default: it passes).</param>
    /// <exception cref="GateFileException">A gate names a pattern the report does not have.</exception>
    public static GateReport Judge(BenchReport report, GateSet gates, InconclusiveGates inconclusive = InconclusiveGates.Pass)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(gates);
        CheckPatterns(gates, report.Patterns.Select(p => p.Pattern));
        var results = report.Patterns
            .SelectMany(p => gates.For(p.Pattern).Select(t => GateResult.Judge(p.Pattern, t, GateMetric.Named(t.Name).Of(p), report.Cases)))
            .ToList();
        return new GateReport(gates.File, inconclusive, [.. results]);
    }

    /// <summary>Checks that every gate names a benched pattern (or <c>*</c>): call it before a bench spends a token.</summary>
    /// <exception cref="GateFileException">Every gate that names another pattern, at its line.</exception>
    public static void CheckPatterns(GateSet gates, IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(patterns);
        var names = patterns.ToHashSet(StringComparer.Ordinal);
        var problems = gates.Gates
            .Where(g => g.Pattern != Gate.AllPatterns && !names.Contains(g.Pattern))
            .Select(g => new Diagnostic(g.Location, $"the gate names the pattern '{g.Pattern}', which the bench does not run; benched: {string.Join(", ", names.Order(StringComparer.Ordinal))}"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new GateFileException(problems);
        }
    }
}
