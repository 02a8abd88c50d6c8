using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatternEngine.Models.Recording;

/// <summary>A <see cref="CassetteEntry"/> as one line of a cassette file, and back.</summary>
internal static class CassetteEntryJson
{
    // A repeated field would otherwise fail later, when the entry's fields are first looked up.
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false, MaxDepth = InputLimits.MaxJsonDepth };

    public static string ToLine(CassetteEntry entry) => new JsonObject
    {
        ["key"] = entry.Key,
        ["stage"] = entry.Stage,
        ["request"] = entry.Request.DeepClone(),
        ["response"] = new JsonObject
        {
            ["text"] = entry.Text,
            ["finish_reason"] = entry.FinishReason,
            ["model"] = entry.ModelId,
            ["function_calls"] = new JsonArray([.. entry.FunctionCalls.Select(c => c.DeepClone())]),
        },
        ["usage"] = entry.UsageSource is null ? null : new JsonObject
        {
            ["input_tokens"] = entry.InputTokens,
            ["output_tokens"] = entry.OutputTokens,
            ["source"] = entry.UsageSource,
        },
        ["latency_ms"] = entry.LatencyMs,
        ["time_to_first_token_ms"] = entry.TimeToFirstTokenMs,
    }.ToJsonString(CassetteJson.OneLine);

    /// <summary>Reads line <paramref name="number"/> of <paramref name="path"/>.</summary>
    /// <exception cref="CassetteFileException">
    /// The line is not a cassette entry, or a figure in it is out of range; the message says <c>path:line:column: what</c>.
    /// </exception>
    public static CassetteEntry Parse(string line, string path, int number)
    {
        if (line.Length > InputLimits.MaxCassetteLineChars)
        {
            throw Error(path, number, 1, $"the line has {line.Length:N0} characters; a cassette entry may have at most {InputLimits.MaxCassetteLineChars:N0}");
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(line, documentOptions: ParseOptions) as JsonObject ?? throw new EntryException("expected a JSON object");
        }
        catch (JsonException e)
        {
            var column = e.BytePositionInLine is { } position ? JsonLineColumns.OfByte(System.Text.Encoding.UTF8.GetBytes(line), position) : 1;
            throw Error(path, number, column, "invalid JSON: " + JsonLineColumns.Reason(e), e);
        }
        catch (EntryException e)
        {
            throw Error(path, number, 1, e.Message, e);
        }

        try
        {
            var response = Required<JsonObject>(json, "response");
            var usage = json["usage"] as JsonObject;
            return new CassetteEntry
            {
                Key = Text(json, "key") ?? throw new EntryException("'key' is missing or of the wrong type", "key"),
                Stage = Text(json, "stage"),
                Request = Required<JsonObject>(json, "request"),
                Text = Text(response, "text", "response") ?? throw new EntryException("'text' is missing or of the wrong type", "response.text"),
                FinishReason = Text(response, "finish_reason", "response"),
                ModelId = Text(response, "model", "response"),
                FunctionCalls = response["function_calls"] is JsonArray calls
                    ? [.. calls.Select(c => c as JsonObject ?? throw new EntryException("a function call is not an object", "response.function_calls"))]
                    : [],
                InputTokens = Tokens(usage, "input_tokens"),
                OutputTokens = Tokens(usage, "output_tokens"),
                UsageSource = usage is null ? null : Text(usage, "source", "usage") ?? throw new EntryException("'source' is missing or of the wrong type", "usage.source"),
                LatencyMs = Milliseconds(json, "latency_ms") ?? throw new EntryException("'latency_ms' is missing", "latency_ms"),
                TimeToFirstTokenMs = Milliseconds(json, "time_to_first_token_ms"),
            };
        }
        catch (EntryException e)
        {
            throw Error(path, number, e.Field is null ? 1 : JsonLineColumns.OfField(line, e.Field), e.Message, e);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Error(path, number, 1, OneLine(e.Message), e);
        }
    }

    private static T Required<T>(JsonObject json, string name)
        where T : JsonNode =>
        json[name] as T ?? throw new EntryException($"'{name}' is missing or of the wrong type", name);

    private static string? Text(JsonObject owner, string name, string? parent = null) => owner[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new EntryException($"'{name}' must be text", parent is null ? name : $"{parent}.{name}"),
    };

    // Recorded figures are range-checked here, so that no total built from them can overflow or go negative.
    private static long? Tokens(JsonObject? usage, string name) => usage?[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<long>(out var tokens) && tokens is >= 0 and <= InputLimits.MaxTokensPerCall => tokens,
        _ => throw new EntryException($"'usage.{name}' must be a whole number from 0 to {InputLimits.MaxTokensPerCall:N0}", $"usage.{name}"),
    };

    private static double? Milliseconds(JsonObject json, string name) => json[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<double>(out var ms) && ms is >= 0 and <= InputLimits.MaxLatencyMs => ms,
        _ => throw new EntryException($"'{name}' must be a number of milliseconds from 0 to {InputLimits.MaxLatencyMs:N0}", name),
    };

    private static CassetteFileException Error(string path, int line, int column, string message, Exception? cause = null) =>
        cause is null
            ? new($"{path}:{line}:{column}: not a cassette entry: {message}")
            : new($"{path}:{line}:{column}: not a cassette entry: {message}", cause);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    /// <summary>What is wrong with the entry being read, and the field it concerns; never leaves this class.</summary>
    private sealed class EntryException(string message, string? field = null) : Exception(message)
    {
        public string? Field { get; } = field;
    }
}
