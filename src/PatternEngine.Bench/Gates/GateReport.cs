using System.Collections.Immutable;

namespace PatternEngine.Bench.Gates;

/// <summary>Every threshold of a gate file judged on a bench report, and whether the gates pass.</summary>
/// <param name="File">The gate file.</param>
/// <param name="Inconclusive">What an inconclusive or unmeasured threshold does.</param>
/// <param name="Results">One result per pattern and threshold, patterns in the report's order.</param>
public sealed record GateReport(string File, InconclusiveGates Inconclusive, ImmutableArray<GateResult> Results)
{
    /// <summary>The results that fail the gates.</summary>
    public IEnumerable<GateResult> Failing => Results.Where(r => r.Fails(Inconclusive));

    /// <summary>Whether every threshold passes (an inconclusive one as <see cref="Inconclusive"/> says).</summary>
    public bool Passed => !Failing.Any();

    /// <summary>The patterns judged, in order.</summary>
    public IEnumerable<string> Patterns => Results.Select(r => r.Pattern).Distinct(StringComparer.Ordinal);

    /// <summary>Throws when the gates failed; for a test suite that gates on a bench.</summary>
    /// <exception cref="GatesFailedException">A threshold fails.</exception>
    public void ThrowIfFailed()
    {
        if (!Passed)
        {
            throw new GatesFailedException(this);
        }
    }
}
