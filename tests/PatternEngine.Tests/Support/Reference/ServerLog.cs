using System.Collections.Concurrent;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// Every request the reference server received and what it did, in the order replies finished: what tests compare
/// with what the engine measured.
/// </summary>
public sealed class ServerLog
{
    private readonly ConcurrentQueue<ServerRequest> _requests = new();
    private readonly ConcurrentQueue<ServerExchange> _exchanges = new();

    /// <summary>The requests, in the order they arrived.</summary>
    public IReadOnlyList<ServerRequest> Requests => [.. _requests.OrderBy(r => r.Number)];

    /// <summary>The exchanges, by request number.</summary>
    public IReadOnlyList<ServerExchange> Exchanges => [.. _exchanges.OrderBy(e => e.Request.Number)];

    /// <summary>The exchanges of one model.</summary>
    public IReadOnlyList<ServerExchange> For(string model) => [.. Exchanges.Where(e => e.Model == model)];

    /// <summary>Prompt and completion tokens the server reported for <paramref name="model"/>'s calls (all of them when null), faults with usage included.</summary>
    public (long Prompt, long Completion) BilledTokens(string? model = null) =>
        Exchanges.Where(e => model is null || e.Model == model).Select(e => e.Usage).OfType<ReplyUsage>()
            .Aggregate((0L, 0L), (sum, u) => (sum.Item1 + u.PromptTokens, sum.Item2 + u.CompletionTokens));

    /// <summary>
    /// Whether a text the server wrote itself was a right answer (as logged); for a text it never wrote, whether the
    /// right answer appears in it as a whole word or number. Null when <paramref name="question"/> is null.
    /// </summary>
    public bool? IsCorrect(string text, ReferenceQuestion? question)
    {
        if (question is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (_exchanges.FirstOrDefault(e => e.Turn.Correct is not null && e.Content.Trim() == trimmed) is { } written)
        {
            return written.Turn.Correct;
        }

        return System.Text.RegularExpressions.Regex.IsMatch(
            trimmed, $@"(?<![\w.,]){System.Text.RegularExpressions.Regex.Escape(question.Answer)}(?![\w]|[.,]\d)", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    internal void Received(ServerRequest request) => _requests.Enqueue(request);

    internal void Finished(ServerExchange exchange) => _exchanges.Enqueue(exchange);
}
