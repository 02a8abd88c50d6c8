using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PatternEngine.Bench.Scoring;
using PatternEngine.Compilation;
using PatternEngine.Schemas;

namespace PatternEngine.Bench.Golden;

/// <summary>Reads one golden line into a case, or says what is wrong with it (the first problem found).</summary>
internal static partial class GoldenLineReader
{
    private static readonly string[] Fields = ["id", "inputs", "expected", "scorer", "tolerance", "schema", "turns", GoldenVerdict.Field];

    // Duplicate keys would otherwise let the last one win silently.
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false };

    /// <summary>The case on the line, or the first problem with it and its column (1-based, in characters).</summary>
    public static (GoldenCase? Case, string? Error, int Column) Read(string line, int lineNumber)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, ParseOptions);
        }
        catch (JsonException e)
        {
            // A duplicate key is found after reading, so the parser gives no position for it.
            var column = e.BytePositionInLine is { } position ? JsonLineColumns.OfByte(bytes, position) : 1;
            return (null, $"invalid JSON: {JsonLineColumns.Reason(e)}", column);
        }
        catch (InvalidOperationException)
        {
            return LoneSurrogateError(line); // in a property name, met while looking for duplicates
        }

        using (document)
        {
            try
            {
                return (ReadCase(document.RootElement, lineNumber), null, 1);
            }
            catch (LineException e)
            {
                return (null, e.Message, e.Field is null ? 1 : ColumnOf(line, e.Field));
            }
            catch (InvalidOperationException)
            {
                return LoneSurrogateError(line);
            }
        }
    }

    /// <summary>The column (1-based) of the top-level field <paramref name="field"/> on a JSON line, or 1.</summary>
    public static int ColumnOf(string line, string field) => JsonLineColumns.OfField(line, field);

    private static GoldenCase ReadCase(JsonElement root, int lineNumber)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new LineException($"a case must be a JSON object, not {KindName(root)}");
        }

        if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !Fields.Contains(name, StringComparer.Ordinal)) is { } unknown)
        {
            throw new LineException($"unknown field '{unknown}'; a case has {string.Join(", ", Fields)}", unknown);
        }

        var id = ReadId(root);
        var (verdict, verdictError) = GoldenVerdict.Read(root);
        if (verdictError is not null)
        {
            throw new LineException(verdictError, GoldenVerdict.Field);
        }

        if (root.TryGetProperty("turns", out var turns))
        {
            // A conversation: its turns carry what they expect; other inputs are optional and the same on every turn.
            return GoldenTurns.Read(turns, root) is var (scripted, field, error) && error is not null
                ? throw new LineException(error, field)
                : new GoldenCase { Id = id, Inputs = root.TryGetProperty("inputs", out _) ? ReadInputs(root) : ImmutableDictionary<string, string>.Empty, Turns = scripted, Line = lineNumber };
        }

        var inputs = ReadInputs(root);
        var expected = ReadExpected(root);
        var scorer = ReadScorer(root, expected);
        var tolerance = ReadTolerance(root, scorer);
        var schema = ReadSchema(root, scorer);
        CheckExpected(scorer, expected);
        return new GoldenCase
        {
            Id = id,
            Inputs = inputs,
            Expected = expected,
            Scorer = scorer,
            Tolerance = tolerance,
            Schema = schema,
            ExpectedVerdict = verdict,
            Line = lineNumber,
        };
    }

    private static string ReadId(JsonElement root)
    {
        if (!root.TryGetProperty("id", out var id))
        {
            throw new LineException("missing the field 'id' (a unique name for the case)");
        }

        if (id.ValueKind != JsonValueKind.String)
        {
            throw new LineException($"'id' must be a string, not {KindName(id)}", "id");
        }

        var text = id.GetString()!;
        return string.IsNullOrWhiteSpace(text) ? throw new LineException("'id' is empty", "id") : text;
    }

    private static ImmutableDictionary<string, string> ReadInputs(JsonElement root)
    {
        if (!root.TryGetProperty("inputs", out var inputs))
        {
            throw new LineException("missing the field 'inputs' (an object of input names and values)");
        }

        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw new LineException($"'inputs' must be an object of input names and values, not {KindName(inputs)}", "inputs");
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs.EnumerateObject())
        {
            // Text goes in as written; anything else as its JSON, which is how list, number and boolean inputs are given.
            builder[input.Name] = input.Value.ValueKind switch
            {
                JsonValueKind.String => input.Value.GetString()!,
                JsonValueKind.Null => throw new LineException($"the input '{input.Name}' is null; give it a value or leave it out", "inputs"),
                _ => input.Value.GetRawText(),
            };
        }

        return builder.ToImmutable();
    }

    private static string? ReadExpected(JsonElement root)
    {
        if (!root.TryGetProperty("expected", out var expected))
        {
            return null;
        }

        return expected.ValueKind switch
        {
            JsonValueKind.String => expected.GetString(),
            JsonValueKind.Number => expected.GetRawText(),
            _ => throw new LineException($"'expected' must be a string or a number, not {KindName(expected)}", "expected"),
        };
    }

    private static string ReadScorer(JsonElement root, string? expected)
    {
        if (!root.TryGetProperty("scorer", out var scorer))
        {
            return ScorerNames.Exact;
        }

        var name = scorer.ValueKind == JsonValueKind.String ? scorer.GetString()! : null;
        if (name is null || !ScorerNames.All.Contains(name, StringComparer.Ordinal))
        {
            var given = name is null ? KindName(scorer) : $"'{name}'";
            throw new LineException($"unknown scorer {given}; use one of {string.Join(", ", ScorerNames.All)}", "scorer");
        }

        if (name == ScorerNames.JsonSchema && expected is not null)
        {
            throw new LineException("'expected' has no use with the json-schema scorer (the schema says what is right); remove it", "expected");
        }

        if (name != ScorerNames.JsonSchema && expected is null)
        {
            throw new LineException($"the {name} scorer needs the field 'expected'", "scorer");
        }

        return name;
    }

    private static double ReadTolerance(JsonElement root, string scorer)
    {
        if (!root.TryGetProperty("tolerance", out var tolerance))
        {
            return 0;
        }

        if (scorer != ScorerNames.Numeric)
        {
            throw new LineException($"'tolerance' applies only to the numeric scorer, not {scorer}", "tolerance");
        }

        return tolerance.ValueKind == JsonValueKind.Number && tolerance.GetDouble() is >= 0 and var value && double.IsFinite(value)
            ? value
            : throw new LineException($"'tolerance' must be a number of at least 0, not {Shown(tolerance)}", "tolerance");
    }

    private static JsonNode? ReadSchema(JsonElement root, string scorer)
    {
        if (!root.TryGetProperty("schema", out var schema))
        {
            return scorer == ScorerNames.JsonSchema ? throw new LineException("the json-schema scorer needs the field 'schema'", "scorer") : null;
        }

        if (scorer != ScorerNames.JsonSchema)
        {
            throw new LineException($"'schema' applies only to the json-schema scorer, not {scorer}", "schema");
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new LineException($"'schema' must be a JSON Schema object, not {KindName(schema)}", "schema");
        }

        var node = JsonNode.Parse(schema.GetRawText())!;
        try
        {
            CaseSchemas.Load(node);
        }
        catch (InvalidSchemaException e)
        {
            throw new LineException($"'schema' is not a usable JSON Schema: {e.Message}", "schema");
        }

        return node;
    }

    private static void CheckExpected(string scorer, string? expected)
    {
        switch (scorer)
        {
            case ScorerNames.Regex:
                try
                {
                    _ = new Regex(expected!, RegexOptions.None, AnswerScorer.RegexTimeout);
                }
                catch (ArgumentException e)
                {
                    throw new LineException($"'expected' is not a valid regular expression: {e.Message}", "expected");
                }

                break;
            case ScorerNames.Numeric when AnswerNumbers.Whole(expected!) is null:
                throw new LineException($"'expected' must be a number for the numeric scorer, not '{expected}'", "expected");
            case ScorerNames.Contains when expected!.Length == 0:
                throw new LineException("'expected' is empty, so every answer would contain it", "expected");
        }
    }

    private static string Shown(JsonElement value) => value.ValueKind is JsonValueKind.Number ? value.GetRawText() : KindName(value);

    private static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    // System.Text.Json refuses to turn an escaped lone surrogate ("\ud800") into a .NET string.
    private static (GoldenCase?, string, int) LoneSurrogateError(string line)
    {
        var match = LoneSurrogate().Match(line);
        return (null, "a string holds a lone surrogate escape (\\uD800 to \\uDFFF without its pair), which is no text", match.Success ? match.Index + 1 : 1);
    }

    [GeneratedRegex(@"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LoneSurrogate();

    /// <summary>What is wrong with the line being read, and the field it concerns; caught in <see cref="Read"/>, never leaves this class.</summary>
    private sealed class LineException(string message, string? field = null) : Exception(message)
    {
        public string? Field { get; } = field;
    }
}
