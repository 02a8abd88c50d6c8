namespace PatternEngine.Definitions;

/// <summary>A place in a pattern file; lines and columns count from 1.</summary>
/// <param name="File">The file's path as the user gave it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>Formats as <c>file:line:column</c>, the form editors and compilers use.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
