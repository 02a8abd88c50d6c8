using PatternEngine.Definitions;

namespace PatternEngine.Bench;

/// <summary>
/// The golden cases do not fit the patterns (an input a pattern lacks, or one it needs and no case gives). Nothing ran.
/// <see cref="PatternEngineException.Diagnostics"/> has every problem at its case's line (<c>file:line: message</c>).
/// </summary>
public sealed class BenchInputException : PatternEngineException
{
    /// <summary>Creates the exception from its problems, each at its case's line.</summary>
    public BenchInputException(IReadOnlyList<Diagnostic> problems)
        : base(PatternEngineErrorKind.InvalidInput, problems, Summary(problems))
    {
    }

    private static string Summary(IReadOnlyList<Diagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        return problems.Count == 1 ? problems[0].ToString() : $"{problems[0]} (and {problems.Count - 1} more)";
    }
}
