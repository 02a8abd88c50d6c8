using System.Text;
using System.Text.Json;

namespace PatternEngine;

/// <summary>Columns on a line of JSON (golden files, cassettes), counted as people count them: characters, from 1.</summary>
internal static class JsonLineColumns
{
    /// <summary>The column of a UTF-8 byte offset into the line.</summary>
    public static int OfByte(byte[] line, long bytePosition)
    {
        var position = (int)Math.Clamp(bytePosition, 0, line.Length);
        return Encoding.UTF8.GetCharCount(line, 0, position) + 1;
    }

    /// <summary>
    /// The column of a field's name, given as a path of object keys (<c>usage.input_tokens</c>); 1 when the line has no
    /// such field or does not read that far.
    /// </summary>
    public static int OfField(string line, string path)
    {
        var segments = path.Split('.');
        var bytes = Encoding.UTF8.GetBytes(line);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = InputLimits.MaxJsonDepth });
        var open = new string?[segments.Length];
        try
        {
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                if (reader.TokenType != JsonTokenType.PropertyName || depth < 1 || depth > segments.Length)
                {
                    continue;
                }

                open[depth - 1] = reader.GetString();
                if (depth == segments.Length && open.AsSpan(0, depth).SequenceEqual(segments))
                {
                    return OfByte(bytes, reader.TokenStartIndex);
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A line that does not read to its end still has its fields before the problem.
        }

        return 1;
    }

    /// <summary>The parser's message without its own zero-based "LineNumber: 0 | BytePositionInLine: n", which the column replaces.</summary>
    public static string Reason(JsonException error)
    {
        var message = error.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ').ReplaceLineEndings(" ");
    }
}
