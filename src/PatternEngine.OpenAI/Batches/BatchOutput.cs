using System.Text.Json;
using System.Text.Json.Nodes;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// Reads a batch's output or error file: one JSON object per line, <c>{id, custom_id, response: {status_code, body},
/// error}</c>. Each line is outside input: bounded in depth, and a line that is not such an object fails the batch.
/// </summary>
internal static class BatchOutput
{
    public static void Read(string jsonl, Dictionary<string, JsonObject> lines, string provider)
    {
        var number = 0;
        foreach (var text in jsonl.Split('\n'))
        {
            number++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                if (JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = InputLimits.MaxJsonDepth }) is JsonObject line
                    && line["custom_id"] is JsonValue id && id.TryGetValue<string>(out var customId))
                {
                    lines[customId] = line;
                    continue;
                }
            }
            catch (JsonException)
            {
                // Reported below, like any line that is no batch answer.
            }

            throw new ProviderCallException(ProviderFailure.MalformedResponse, $"'{provider}' wrote line {number} of a batch output file that is not a JSON object with a custom_id");
        }
    }
}
