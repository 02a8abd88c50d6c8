namespace PatternEngine.Bench.Gates;

/// <summary>A bench's gates failed: its figures are written and stored; the message names the first failing threshold.</summary>
public sealed class GatesFailedException : PatternEngineException
{
    /// <summary>Creates the exception for the gates' outcome.</summary>
    public GatesFailedException(GateReport report)
        : base(PatternEngineErrorKind.GateFailed, Describe(report))
    {
        Report = report;
    }

    /// <summary>Every threshold's result.</summary>
    public GateReport Report { get; }

    private static string Describe(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failing = report.Failing.ToList();
        return failing.Count == 0 ? "the gates passed"
            : failing.Count == 1 ? "a gate failed: " + failing[0].Message
            : $"{failing.Count} gates failed; the first: {failing[0].Message}";
    }
}
