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

        // Only the value's first character and the indentation are read: a template of 700 KB on one line may have
        // tens of thousands of variables, and copying its line for each would take minutes.
        var first = CharAt(valueStart.Line, valueStart.Column - 1);
        if (first is '|' or '>')
        {
            var firstContentLine = valueStart.Line + 1;
            return valueStart with { Line = firstContentLine + line, Column = Indent(firstContentLine) + column + 1 };
        }

        var quoted = first is '"' or '\'';
        return line == 0
            ? valueStart with { Column = valueStart.Column + column + (quoted ? 1 : 0) }
            : valueStart with { Line = valueStart.Line + line, Column = column + 1 };
    }

    private char CharAt(int line, int index) =>
        fileLines is not null && line >= 1 && line <= fileLines.Length && index >= 0 && index < fileLines[line - 1].Length
            ? fileLines[line - 1][index]
            : '\0';

    private int Indent(int line)
    {
        var indent = 0;
        while (CharAt(line, indent) == ' ')
        {
            indent++;
        }

        return indent;
    }
}
