namespace PatternEngine.Definitions;

/// <summary>A place in a pattern file; lines and columns count from 1.</summary>
/// <param name="File">The file's path as the user gave it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column; 0 when only the line is known.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>Formats as <c>file:line:column</c>, the form editors and compilers use (<c>file:line</c> when only the line is known).</summary>
    public override string ToString() => Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}";
}
