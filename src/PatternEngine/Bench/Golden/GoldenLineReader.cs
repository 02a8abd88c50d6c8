using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PatternEngine.Bench.Scoring;
using PatternEngine.Compilation;

namespace PatternEngine.Bench.Golden;

/// <summary>Reads one golden line into a case, or says what is wrong with it (the first problem found).</summary>
internal static class GoldenLineReader
{
    private static readonly string[] Fields = ["id", "inputs", "expected", "scorer", "tolerance", "schema"];

    // Duplicate keys would otherwise let the last one win silently.
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false };

    public static (GoldenCase? Case, string? Error) Read(string line, int lineNumber)
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
            var where = e.BytePositionInLine is { } position ? $" at column {Column(bytes, position)}" : "";
            return (null, $"invalid JSON{where}: {Reason(e)}");
        }

        using (document)
        {
            try
            {
                return (ReadCase(document.RootElement, lineNumber), null);
            }
            catch (LineException e)
            {
                return (null, e.Message);
            }
        }
    }

    private static GoldenCase ReadCase(JsonElement root, int lineNumber)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new LineException($"a case must be a JSON object, not {KindName(root)}");
        }

        if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !Fields.Contains(name, StringComparer.Ordinal)) is { } unknown)
        {
            throw new LineException($"unknown field '{unknown}'; a case has {string.Join(", ", Fields)}");
        }

        var id = ReadId(root);
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
            throw new LineException($"'id' must be a string, not {KindName(id)}");
        }

        var text = id.GetString()!;
        return string.IsNullOrWhiteSpace(text) ? throw new LineException("'id' is empty") : text;
    }

    private static ImmutableDictionary<string, string> ReadInputs(JsonElement root)
    {
        if (!root.TryGetProperty("inputs", out var inputs))
        {
            throw new LineException("missing the field 'inputs' (an object of input names and values)");
        }

        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw new LineException($"'inputs' must be an object of input names and values, not {KindName(inputs)}");
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs.EnumerateObject())
        {
            // Text goes in as written; anything else as its JSON, which is how list, number and boolean inputs are given.
            builder[input.Name] = input.Value.ValueKind switch
            {
                JsonValueKind.String => input.Value.GetString()!,
                JsonValueKind.Null => throw new LineException($"the input '{input.Name}' is null; give it a value or leave it out"),
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
            _ => throw new LineException($"'expected' must be a string or a number, not {KindName(expected)}"),
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
            throw new LineException($"unknown scorer {given}; use one of {string.Join(", ", ScorerNames.All)}");
        }

        if (name == ScorerNames.JsonSchema && expected is not null)
        {
            throw new LineException("'expected' has no use with the json-schema scorer (the schema says what is right); remove it");
        }

        if (name != ScorerNames.JsonSchema && expected is null)
        {
            throw new LineException($"the {name} scorer needs the field 'expected'");
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
            throw new LineException($"'tolerance' applies only to the numeric scorer, not {scorer}");
        }

        return tolerance.ValueKind == JsonValueKind.Number && tolerance.GetDouble() is >= 0 and var value && double.IsFinite(value)
            ? value
            : throw new LineException($"'tolerance' must be a number of at least 0, not {Shown(tolerance)}");
    }

    private static JsonNode? ReadSchema(JsonElement root, string scorer)
    {
        if (!root.TryGetProperty("schema", out var schema))
        {
            return scorer == ScorerNames.JsonSchema ? throw new LineException("the json-schema scorer needs the field 'schema'") : null;
        }

        if (scorer != ScorerNames.JsonSchema)
        {
            throw new LineException($"'schema' applies only to the json-schema scorer, not {scorer}");
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new LineException($"'schema' must be a JSON Schema object, not {KindName(schema)}");
        }

        var node = JsonNode.Parse(schema.GetRawText())!;
        try
        {
            CaseSchemas.Load(node);
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            throw new LineException($"'schema' is not a usable JSON Schema: {e.Message}");
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
                    throw new LineException($"'expected' is not a valid regular expression: {e.Message}");
                }

                break;
            case ScorerNames.Numeric when AnswerNumbers.Whole(expected!) is null:
                throw new LineException($"'expected' must be a number for the numeric scorer, not '{expected}'");
            case ScorerNames.Contains when expected!.Length == 0:
                throw new LineException("'expected' is empty, so every answer would contain it");
        }
    }

    // System.Text.Json counts bytes from 0; people count characters from 1.
    private static long Column(byte[] line, long bytePosition)
    {
        var position = (int)Math.Clamp(bytePosition, 0, line.Length);
        return Encoding.UTF8.GetCharCount(line, 0, position) + 1;
    }

    // The position is given as a column instead of the parser's own zero-based "LineNumber: 0 | BytePositionInLine: n".
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ');
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

    /// <summary>What is wrong with the line being read; caught in <see cref="Read"/>, never leaves this class.</summary>
    private sealed class LineException(string message) : Exception(message);
}
