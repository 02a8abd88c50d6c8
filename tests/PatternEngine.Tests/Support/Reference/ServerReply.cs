namespace PatternEngine.Tests.Support.Reference;

/// <summary>What the server does with one request: answer (as JSON, or streamed when asked), call a tool, or fail in a set way.</summary>
public abstract record ServerReply
{
    /// <summary>An answer with the usage the OpenAI API reports, cached prompt tokens and reasoning tokens included.</summary>
    public static ServerReply Text(string text, int promptTokens = 10, int completionTokens = 5, int cachedTokens = 0, int reasoningTokens = 0) =>
        new Answer(text, new ReplyUsage(promptTokens, completionTokens, cachedTokens, reasoningTokens));

    /// <summary>A call of the offered tool whose name contains <paramref name="name"/>, with these JSON arguments.</summary>
    public static ServerReply CallTool(string name, string argumentsJson) => new ToolCall(name, argumentsJson, new ReplyUsage(10, 5, 0, 0));

    /// <summary>An HTTP error status with an OpenAI-style error body, and a Retry-After header when given.</summary>
    public static ServerReply Status(int code, string? retryAfter = null) => new Failure(code, retryAfter);

    /// <summary>An HTTP error status with this body as it is, in place of the usual OpenAI error object.</summary>
    public static ServerReply StatusWithBody(int code, string body) => new Failure(code, null, body);

    /// <summary>No answer until the client gives up.</summary>
    public static ServerReply Hang { get; } = new Hanging();

    /// <summary>HTTP 200 with a body that is not JSON.</summary>
    public static ServerReply Malformed { get; } = new MalformedBody();

    /// <summary>HTTP 200 with this body as it is: JSON of the wrong shape, say.</summary>
    public static ServerReply Body(string body) => new RawBody(body);

    /// <summary>HTTP 200 with an empty choice list, and the usage the provider bills for it anyway.</summary>
    public static ServerReply NoChoices { get; } = NoChoicesBilled(10, 0);

    /// <summary>HTTP 200 with an empty choice list and this usage (billed though nothing came back).</summary>
    public static ServerReply NoChoicesBilled(int promptTokens, int completionTokens) =>
        new EmptyChoices(new ReplyUsage(promptTokens, completionTokens, 0, 0));

    /// <summary>HTTP 200 with one choice whose message is empty.</summary>
    public static ServerReply EmptyMessage { get; } = Text("", 10, 0);

    /// <summary>The usage a reply reports, or null for replies that carry none (faults).</summary>
    public virtual ReplyUsage? Usage => null;

    /// <summary>Whether the reply is a fault rather than an answer.</summary>
    public virtual bool IsFault => true;

    internal sealed record Answer(string Content, ReplyUsage Tokens) : ServerReply
    {
        /// <summary>Why the model stopped: <c>stop</c>, or <c>length</c> when the answer was cut at the request's limit.</summary>
        public string FinishReason { get; init; } = "stop";

        public override ReplyUsage? Usage => Tokens;

        public override bool IsFault => false;
    }

    internal sealed record ToolCall(string Name, string ArgumentsJson, ReplyUsage Tokens) : ServerReply
    {
        public override ReplyUsage? Usage => Tokens;

        public override bool IsFault => false;
    }

    internal sealed record Failure(int Code, string? RetryAfter, string? Content = null) : ServerReply;

    internal sealed record Hanging : ServerReply;

    internal sealed record MalformedBody : ServerReply;

    internal sealed record RawBody(string Content) : ServerReply;

    internal sealed record EmptyChoices(ReplyUsage Tokens) : ServerReply
    {
        public override ReplyUsage? Usage => Tokens;
    }
}

/// <summary>The usage a reply reports, as the OpenAI API counts it.</summary>
public sealed record ReplyUsage(int PromptTokens, int CompletionTokens, int CachedTokens, int ReasoningTokens);
