using System.Collections.Immutable;

namespace PatternEngine.Bench;

/// <summary>The golden cases do not fit the patterns (an input a pattern lacks, or one it needs and no case gives). Nothing ran.</summary>
public sealed class BenchInputException : Exception
{
    /// <summary>Creates the exception from its problems, each <c>file:line: message</c>.</summary>
    public BenchInputException(IEnumerable<string> problems)
        : this([.. problems])
    {
    }

    private BenchInputException(ImmutableArray<string> problems)
        : base(problems.Length == 1 ? problems[0] : $"{problems[0]} (and {problems.Length - 1} more)") => Problems = problems;

    /// <summary>Every problem, as <c>file:line: message</c>.</summary>
    public ImmutableArray<string> Problems { get; }
}
