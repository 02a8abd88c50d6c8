namespace PatternEngine.Definitions;

/// <summary>One problem found in a pattern file: where it is and what to do about it.</summary>
/// <param name="Location">Where the problem is.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record Diagnostic(SourceLocation Location, string Message)
{
    /// <summary>Formats as <c>file:line:column: message</c>, on one line: line breaks the message quotes are shown as <c>\n</c>.</summary>
    public override string ToString() =>
        $"{Location}: {Message.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}";
}
