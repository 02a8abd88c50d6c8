using System.Text.Json.Nodes;

namespace PatternEngine.Tests.Support.OpenAI;

/// <summary>A chat-completions request the fake server received: its number (0-based), JSON body and headers that matter.</summary>
public sealed record FakeChatRequest(int Number, JsonObject Body, string? Authorization, string? Organization)
{
    /// <summary>When it arrived (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long ReceivedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public string Model => Body["model"]?.GetValue<string>() ?? "";

    public bool Stream => Body["stream"]?.GetValue<bool>() == true;

    /// <summary>The last user message's text.</summary>
    public string Prompt => Body["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"] switch
    {
        JsonValue text => text.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => "",
    };

    /// <summary>Whether a tool result is among the messages: the model's second round of a tool conversation.</summary>
    public bool HasToolResult => Body["messages"]!.AsArray().Any(m => m!["role"]!.GetValue<string>() == "tool");

    /// <summary>The names of the functions offered as tools.</summary>
    public IReadOnlyList<string> ToolNames =>
        Body["tools"]?.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList() ?? [];
}
