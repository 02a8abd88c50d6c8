using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatternEngine.Models.Recording;

/// <summary>A <see cref="CassetteEntry"/> as one line of a cassette file, and back.</summary>
internal static class CassetteEntryJson
{
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
    /// <exception cref="CassetteFileException">The line is not a cassette entry; the message says <c>path:line: what</c>.</exception>
    public static CassetteEntry Parse(string line, string path, int number)
    {
        try
        {
            var json = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("expected a JSON object");
            var response = Required<JsonObject>(json, "response");
            var usage = json["usage"] as JsonObject;
            return new CassetteEntry
            {
                Key = Required<JsonValue>(json, "key").GetValue<string>(),
                Stage = (string?)json["stage"],
                Request = Required<JsonObject>(json, "request"),
                Text = Required<JsonValue>(response, "text").GetValue<string>(),
                FinishReason = (string?)response["finish_reason"],
                ModelId = (string?)response["model"],
                FunctionCalls = response["function_calls"] is JsonArray calls
                    ? [.. calls.Select(c => c as JsonObject ?? throw new FormatException("a function call is not an object"))]
                    : [],
                InputTokens = (long?)usage?["input_tokens"],
                OutputTokens = (long?)usage?["output_tokens"],
                UsageSource = usage is null ? null : Required<JsonValue>(usage, "source").GetValue<string>(),
                LatencyMs = Required<JsonValue>(json, "latency_ms").GetValue<double>(),
                TimeToFirstTokenMs = (double?)json["time_to_first_token_ms"],
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new CassetteFileException($"{path}:{number}: not a cassette entry: {OneLine(e.Message)}", e);
        }
    }

    private static T Required<T>(JsonObject json, string name)
        where T : JsonNode =>
        json[name] as T ?? throw new FormatException($"'{name}' is missing or of the wrong type");

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
