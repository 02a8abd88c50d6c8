using System.Text.Json.Nodes;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>A request the reference server received: its number (0-based, over the whole server), JSON body and the headers that matter.</summary>
public sealed record ServerRequest(int Number, JsonObject Body, string? Authorization, string? Organization)
{
    /// <summary>When it arrived (<see cref="global::System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long ReceivedAt { get; init; } = global::System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Its number among the requests for the same model (0-based), so a fault can hit one model's n-th call.</summary>
    public int ModelNumber { get; init; }

    public string Model => Body["model"]?.GetValue<string>() ?? "";

    public bool Stream => Body["stream"]?.GetValue<bool>() == true;

    public bool IncludeUsage => Body["stream_options"]?["include_usage"]?.GetValue<bool>() == true;

    /// <summary>The sampling temperature asked for; 0 (greedy) when none is sent.</summary>
    public double Temperature => Body["temperature"]?.GetValue<double>() ?? 0;

    /// <summary>The seed asked for, if any.</summary>
    public long? Seed => Body["seed"]?.GetValue<long>();

    /// <summary>The answer limit asked for, if any.</summary>
    public int? MaxTokens => (Body["max_completion_tokens"] ?? Body["max_tokens"])?.GetValue<int>();

    /// <summary>The last user message's text.</summary>
    public string Prompt => Texts("user").LastOrDefault() ?? "";

    /// <summary>Every system message's text, joined.</summary>
    public string System => string.Join("\n", Texts("system").Concat(Texts("developer")));

    /// <summary>Every message's text, in order.</summary>
    public IEnumerable<string> AllTexts => Messages.Select(m => Text(m["content"]));

    /// <summary>Whether a tool result is among the messages: the model's second round of a native tool conversation.</summary>
    public bool HasToolResult => Messages.Any(m => Role(m) == "tool");

    /// <summary>The text of the last tool result, if any.</summary>
    public string? LastToolResult => Messages.LastOrDefault(m => Role(m) == "tool") is { } tool ? Text(tool["content"]) : null;

    /// <summary>Whether a JSON Schema response format was asked for.</summary>
    public bool WantsJson => Body["response_format"]?["type"]?.GetValue<string>() is "json_schema" or "json_object";

    /// <summary>The names of the functions offered as tools.</summary>
    public IReadOnlyList<string> ToolNames =>
        Body["tools"]?.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList() ?? [];

    private IEnumerable<JsonNode> Messages => Body["messages"]?.AsArray().OfType<JsonNode>() ?? [];

    private IEnumerable<string> Texts(string role) => Messages.Where(m => Role(m) == role).Select(m => Text(m["content"]));

    private static string? Role(JsonNode message) => message["role"]?.GetValue<string>();

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue text => text.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => "",
    };
}
