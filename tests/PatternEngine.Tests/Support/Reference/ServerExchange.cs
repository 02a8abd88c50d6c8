namespace PatternEngine.Tests.Support.Reference;

/// <summary>One request and what the server did with it, as its log keeps them.</summary>
/// <param name="Request">The request.</param>
/// <param name="Turn">The reply and its truth.</param>
/// <param name="Status">The HTTP status sent (200 for answers, hangs and malformed bodies).</param>
/// <param name="FinishedAt">When the reply was sent in full, or the client gave up (<see cref="System.Diagnostics.Stopwatch"/> ticks).</param>
public sealed record ServerExchange(ServerRequest Request, ModelTurn Turn, int Status, long FinishedAt)
{
    public string Model => Request.Model;

    /// <summary>The reply's text (a tool call's arguments), or empty for faults.</summary>
    public string Content => Turn.Reply switch
    {
        ServerReply.Answer answer => answer.Content,
        ServerReply.ToolCall call => call.ArgumentsJson,
        _ => "",
    };

    /// <summary>The usage the server reported (and would bill), or null when it reported none.</summary>
    public ReplyUsage? Usage => Turn.Reply.Usage;
}
