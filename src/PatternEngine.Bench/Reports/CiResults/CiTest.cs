using System.Globalization;
using PatternEngine.Bench.Gates;

namespace PatternEngine.Bench.Reports.CiResults;

/// <summary>What a CI system shows as one test: a pattern's runs, or one threshold of a gate on one pattern.</summary>
internal sealed record CiTest(string Suite, string Name, CiOutcome Outcome, string? Message, string Output, double Seconds)
{
    /// <summary>
    /// One test per pattern (failed when any of its runs failed) and one per gate threshold and pattern (failed on a
    /// proven miss; an inconclusive or unmeasured one is skipped, or failed when the gates count it as a failure).
    /// </summary>
    public static IReadOnlyList<CiTest> From(BenchReport report, GateReport? gates)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tests = report.Patterns.Select(p => Pattern(report, p)).ToList();
        if (gates is not null)
        {
            tests.AddRange(gates.Results.Select(r => Gate(r, gates.Inconclusive)));
        }

        return tests;
    }

    private static CiTest Pattern(BenchReport report, PatternSummary pattern)
    {
        var firstError = report.Samples.FirstOrDefault(s => s.Pattern == pattern.Pattern && s.Error is not null)?.Error;
        var figures = string.Join("\n", ChecklistMetric.All.Select(m => $"{m.Label}: {m.Format(pattern)}"));
        var seconds = report.Samples.Where(s => s.Pattern == pattern.Pattern).Sum(s => s.LatencyMs) / 1000;
        return pattern.FailedRuns == 0
            ? new CiTest("patterns", pattern.Pattern, CiOutcome.Passed, null, figures, seconds)
            : new CiTest("patterns", pattern.Pattern, CiOutcome.Failed,
                string.Create(CultureInfo.InvariantCulture, $"{pattern.FailedRuns} of {pattern.Runs} runs failed; the first: {firstError}"), figures, seconds);
    }

    private static CiTest Gate(GateResult result, InconclusiveGates inconclusive)
    {
        var outcome = result.Fails(inconclusive) ? CiOutcome.Failed : result.Verdict == GateVerdict.Pass ? CiOutcome.Passed : CiOutcome.Skipped;
        return new CiTest("gates." + result.Pattern, result.Threshold, outcome, outcome == CiOutcome.Passed ? null : result.Message, $"{result.Location}: {result.Message}", 0);
    }
}

/// <summary>A CI test's outcome.</summary>
internal enum CiOutcome
{
    Passed,
    Failed,
    Skipped,
}
