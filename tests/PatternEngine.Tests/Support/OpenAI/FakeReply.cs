namespace PatternEngine.Tests.Support.OpenAI;

/// <summary>What the fake server does with one request: answer (as JSON, or streamed when asked) or fail in a scripted way.</summary>
public abstract record FakeReply
{
    /// <summary>An answer with the usage the OpenAI API reports, cached prompt tokens and reasoning tokens included.</summary>
    public static FakeReply Text(string text, int promptTokens = 10, int completionTokens = 5, int cachedTokens = 0, int reasoningTokens = 0) =>
        new Answer(text, promptTokens, completionTokens, cachedTokens, reasoningTokens);

    /// <summary>A call of the offered tool whose name contains <paramref name="name"/>, with these JSON arguments.</summary>
    public static FakeReply CallTool(string name, string argumentsJson) => new ToolCall(name, argumentsJson);

    /// <summary>An HTTP error status with an OpenAI-style error body, and a Retry-After header when given.</summary>
    public static FakeReply Status(int code, string? retryAfter = null) => new Failure(code, retryAfter);

    /// <summary>No answer until the client gives up.</summary>
    public static FakeReply Hang { get; } = new Hanging();

    /// <summary>HTTP 200 with a body that is not JSON.</summary>
    public static FakeReply Malformed { get; } = new MalformedBody();

    /// <summary>HTTP 200 with an empty choice list.</summary>
    public static FakeReply NoChoices { get; } = new EmptyChoices();

    /// <summary>HTTP 200 with one choice whose message is empty.</summary>
    public static FakeReply EmptyMessage { get; } = new Answer("", 10, 0, 0, 0);

    internal sealed record Answer(string Content, int PromptTokens, int CompletionTokens, int CachedTokens, int ReasoningTokens) : FakeReply;

    internal sealed record ToolCall(string Name, string ArgumentsJson) : FakeReply;

    internal sealed record Failure(int Code, string? RetryAfter) : FakeReply;

    internal sealed record Hanging : FakeReply;

    internal sealed record MalformedBody : FakeReply;

    internal sealed record EmptyChoices : FakeReply;
}
