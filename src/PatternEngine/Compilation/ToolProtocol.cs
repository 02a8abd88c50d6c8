using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PatternEngine.Compilation;

/// <summary>
/// A plain-text tool-call protocol that any chat model can follow: the model answers a line
/// <c>CALL plugin.function {"arg": "value"}</c>, the engine runs the function and sends back its result.
/// </summary>
internal static partial class ToolProtocol
{
    public static string Instructions(IEnumerable<KernelFunction> tools)
    {
        var text = new StringBuilder();
        text.AppendLine("You can call these tools when you are unsure:");
        foreach (var tool in tools)
        {
            var parameters = string.Join(", ", tool.Metadata.Parameters.Select(p => $"{p.Name}: {p.ParameterType?.Name.ToLowerInvariant() ?? "string"}"));
            text.Append(CultureInfo.InvariantCulture, $"- {tool.PluginName}.{tool.Name}({parameters})");
            text.AppendLine(string.IsNullOrWhiteSpace(tool.Description) ? "" : ": " + tool.Description);
        }

        text.AppendLine("To call one, answer with exactly one line: CALL plugin.function {\"name\": value} and nothing else.");
        text.Append("You will get the result back; then answer the question.");
        return text.ToString();
    }

    /// <summary>The tool call in an answer, if it makes one; an answer the line cannot be looked for in time makes none.</summary>
    public static (string Tool, string Arguments)? FindCall(string answer)
    {
        try
        {
            var match = CallLine().Match(answer);
            return match.Success ? (match.Groups["tool"].Value, match.Groups["args"].Success ? match.Groups["args"].Value : "{}") : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Turns the model's argument JSON into kernel arguments; null when it is not a JSON object.</summary>
    public static KernelArguments? ParseArguments(string json)
    {
        try
        {
            if (JToken.Parse(json) is not JObject arguments)
            {
                return null;
            }

            var result = new KernelArguments();
            foreach (var property in arguments.Properties())
            {
                result[property.Name] = property.Value is JValue { Value: var value } ? Convert.ToString(value, CultureInfo.InvariantCulture) : property.Value.ToString(Formatting.None);
            }

            return result;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Spaces only within the line: white space that may span lines (\s) would try every later line from every line start.
    [GeneratedRegex(@"^[ \t]*CALL[ \t]+(?<tool>[A-Za-z_]\w*\.[A-Za-z_]\w*)[ \t]*(?<args>\{.*\})?[ \t\r]*$", RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CallLine();
}
