namespace PatternEngine.Definitions.Loading;

/// <summary>
/// Maps a position inside a template (0-based, as Scriban reports it) to the file. A block scalar
/// (<c>template: |</c>) starts on the next line at its indentation; an inline scalar starts where its value does.
/// </summary>
internal sealed class TemplateLocator(string[]? fileLines)
{
    public static TemplateLocator ForCode { get; } = new(null);

    public static TemplateLocator ForText(string text) => new(text.Split('\n'));

    public SourceLocation Locate(SourceLocation valueStart, int line, int column)
    {
        if (line < 0 || column < 0)
        {
            return valueStart; // Scriban reports problems at the end of the input without a position
        }

        var valueText = LineAt(valueStart.Line)?[Math.Min(valueStart.Column - 1, LineAt(valueStart.Line)!.Length)..];
        if (valueText is not null && (valueText.StartsWith('|') || valueText.StartsWith('>')))
        {
            var firstContentLine = valueStart.Line + 1;
            var indent = LineAt(firstContentLine) is { } content ? content.Length - content.TrimStart(' ').Length : 0;
            return valueStart with { Line = firstContentLine + line, Column = indent + column + 1 };
        }

        var quoted = valueText is not null && (valueText.StartsWith('"') || valueText.StartsWith('\''));
        return line == 0
            ? valueStart with { Column = valueStart.Column + column + (quoted ? 1 : 0) }
            : valueStart with { Line = valueStart.Line + line, Column = column + 1 };
    }

    private string? LineAt(int line) => fileLines is not null && line >= 1 && line <= fileLines.Length
        ? fileLines[line - 1].TrimEnd('\r')
        : null;
}
