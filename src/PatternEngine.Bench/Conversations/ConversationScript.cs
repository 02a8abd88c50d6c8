using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using PatternEngine.Conversations;
using PatternEngine.Definitions;

namespace PatternEngine.Bench.Conversations;

/// <summary>
/// Reads a turns file: one JSON object per line, <c>{"user": "...", "expected": "..."}</c> (<c>expected</c>
/// optional), blank lines ignored. The file is hostile input: bounded in size, lines and turns, and every problem is
/// reported at its <c>file:line:column</c>.
/// </summary>
public static class ConversationScript
{
    /// <summary>The most turns a script may have.</summary>
    public const int MaxTurns = 1_000;

    /// <summary>The most characters of one turn's text or expected answer.</summary>
    public const int MaxTurnChars = 64 * 1024;

    /// <summary>The largest turns file read, in bytes.</summary>
    public const long MaxFileBytes = 16L << 20;

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false, MaxDepth = InputLimits.MaxJsonDepth };

    /// <summary>Reads the turns file at <paramref name="path"/>.</summary>
    /// <exception cref="ConversationException">The file is missing, unreadable, too large, has no turn, or has malformed lines (each located).</exception>
    public static ImmutableArray<ScriptedTurn> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ConversationException(PatternEngineErrorKind.InvalidInput, $"{path}: the turns file does not exist");
        }

        if (InputFileSize.Problem(path, MaxFileBytes, "turns file") is { } tooLarge)
        {
            throw new ConversationException([new Diagnostic(new SourceLocation(path, 1, 1), tooLarge)]);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConversationException(PatternEngineErrorKind.InvalidInput, $"{path}: the turns file cannot be read: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Reads turns from text; <paramref name="fileName"/> names the file in messages.</summary>
    /// <exception cref="ConversationException">The text has no turn, too many, or malformed lines (each located).</exception>
    public static ImmutableArray<ScriptedTurn> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var turns = ImmutableArray.CreateBuilder<ScriptedTurn>();
        var problems = new List<Diagnostic>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var index = 0; index < lines.Length && problems.Count < 20; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var number = index + 1;
            if (turns.Count == MaxTurns)
            {
                problems.Add(new Diagnostic(new SourceLocation(fileName, number, 1), $"a script may have at most {MaxTurns:N0} turns"));
                break;
            }

            var (turn, error, column) = line.Length > InputLimits.MaxGoldenLineChars
                ? (null, $"the line has {line.Length:N0} characters; a turn may have at most {InputLimits.MaxGoldenLineChars:N0}", 1)
                : ReadLine(line);
            if (turn is null)
            {
                problems.Add(new Diagnostic(new SourceLocation(fileName, number, column), error!));
                continue;
            }

            turns.Add(turn with { Line = number });
        }

        if (problems.Count > 0)
        {
            throw new ConversationException(problems);
        }

        return turns.Count > 0
            ? turns.ToImmutable()
            : throw new ConversationException([new Diagnostic(new SourceLocation(fileName, 1, 1), "the turns file has no turn; write one JSON object per line: {\"user\": \"...\"}")]);
    }

    /// <summary>Reads one turn from a JSON object (a line of a turns file, an item of a golden case's <c>turns</c>), or says what is wrong and where (a field's name).</summary>
    internal static (ScriptedTurn? Turn, string? Error, string? Field) Read(JsonElement turn)
    {
        if (turn.ValueKind != JsonValueKind.Object)
        {
            return (null, "a turn must be a JSON object such as {\"user\": \"...\"}", null);
        }

        string? user = null, expected = null;
        foreach (var property in turn.EnumerateObject())
        {
            switch (property.Name)
            {
                case "user" when property.Value.ValueKind == JsonValueKind.String:
                    user = property.Value.GetString();
                    break;
                case "user":
                    return (null, "'user' must be a string", "user");
                case "expected" when property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number:
                    expected = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    break;
                case "expected" when property.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "expected":
                    return (null, "'expected' must be a string or a number", "expected");
                default:
                    return (null, $"unknown field '{property.Name}'; a turn has user and expected", property.Name);
            }
        }

        return string.IsNullOrWhiteSpace(user) ? (null, "a turn needs 'user', a non-empty string", user is null ? null : "user")
            : user.Length > MaxTurnChars ? (null, $"'user' has {user.Length:N0} characters; a turn may have at most {MaxTurnChars:N0}", "user")
            : expected?.Length > MaxTurnChars ? (null, $"'expected' has {expected.Length:N0} characters; at most {MaxTurnChars:N0}", "expected")
            : (new ScriptedTurn(user, expected), null, null);
    }

    private static (ScriptedTurn? Turn, string? Error, int Column) ReadLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        try
        {
            using var document = JsonDocument.Parse(bytes, ParseOptions);
            var (turn, error, field) = Read(document.RootElement);
            return (turn, error, field is null ? 1 : JsonLineColumns.OfField(line, field));
        }
        catch (JsonException e)
        {
            return (null, "invalid JSON: " + JsonLineColumns.Reason(e), e.BytePositionInLine is { } position ? JsonLineColumns.OfByte(bytes, position) : 1);
        }
        catch (InvalidOperationException)
        {
            return (null, "a string holds a lone surrogate escape (\\uD800 to \\uDFFF without its pair), which is no text", 1);
        }
    }
}
