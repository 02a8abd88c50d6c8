using PatternEngine.Definitions;

namespace PatternEngine.Bench.Golden;

/// <summary>A golden line that could not be read.</summary>
/// <param name="File">The golden file.</param>
/// <param name="Line">The line (1-based).</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record GoldenLineError(string File, int Line, string Message)
{
    /// <summary>Where on the line the problem is (1-based, in characters): the field it concerns, or 1.</summary>
    public int Column { get; init; } = 1;

    /// <summary>Formats as <c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";

    /// <summary>The error as a diagnostic, the form every located engine error takes.</summary>
    public Diagnostic ToDiagnostic() => new(new SourceLocation(File, Line, Column), Message);
}
