using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Polly.Timeout;

namespace PatternEngine.Models.Resilience;

/// <summary>
/// Reads what a model call's failure is, for any <see cref="IChatClient"/>: an HTTP status (429, with the wait it asks
/// for when it says; 5xx, 408 and 409; other 4xx), a time-out, a connection that failed, a body that is not JSON, an
/// answer with nothing in it. The call guard of a route with retries, a fallback or a time limit
/// (<see cref="CallGuardChatClient"/>) turns each fault into a <see cref="ProviderCallException"/>, which the retries
/// and the fallback act on; what the classifier does not read as a fault (a bug, a cancelled call) fails the call as
/// it is, with no retry and no fallback. Derive from it to read your own client's exceptions, and pass it to
/// <c>PatternEngineBuilder.UseFaultClassifier</c>.
/// </summary>
public class ModelFaultClassifier
{
    /// <summary>The classifier routes use unless given another.</summary>
    public static ModelFaultClassifier Default { get; } = new();

    /// <summary>
    /// The fault <paramref name="failure"/>, thrown by a call to <paramref name="provider"/>, stands for; null when it
    /// is no fault of the model or its provider, so the call fails as it is.
    /// </summary>
    /// <param name="failure">What the call threw (not the caller's own cancellation: that never reaches a classifier).</param>
    /// <param name="provider">The provider or route called, to name in the reason.</param>
    public virtual ModelFault? Classify(Exception failure, string provider)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var error = failure;
        return error switch
        {
            ProviderCallException known => new ModelFault(known.Failure, known.Message) { RetryAfter = known.RetryAfter },
            TimeoutRejectedException or TimeoutException or OperationCanceledException =>
                new ModelFault(ProviderFailure.Timeout, $"no answer from '{provider}' in time: {FirstLine(error.Message)}"),
            HttpRequestException { StatusCode: { } status } => FromStatus((int)status, provider, FirstLine(error.Message), retryAfter: null),
            HttpRequestException or IOException or SocketException =>
                new ModelFault(ProviderFailure.Network, $"cannot reach '{provider}': {FirstLine(error.Message)}"),
            JsonException => new ModelFault(ProviderFailure.MalformedResponse, $"'{provider}' answered with a body that is not JSON: {FirstLine(error.Message)}"),
            _ => null,
        };
    }

    /// <summary>
    /// Why <paramref name="response"/> is no answer: it has no message (no choices), or its last message has neither
    /// text nor a function call; null when it is an answer.
    /// </summary>
    public virtual ModelFault? Classify(ChatResponse response, string provider)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Messages.Count == 0 ? new ModelFault(ProviderFailure.EmptyResponse, $"'{provider}' answered with no choices")
            : response.Messages[^1].Contents.Any(IsAnswer) ? null
            : new ModelFault(ProviderFailure.EmptyResponse, $"'{provider}' answered with an empty message");
    }

    /// <summary>Whether a piece of an answer holds some of it: text or a function call (not usage, not an empty keep-alive).</summary>
    public static bool IsAnswer(AIContent content) => content is TextContent { Text.Length: > 0 } or FunctionCallContent;

    /// <summary>
    /// The fault an HTTP status stands for: 429 rate limiting (retried, after <paramref name="retryAfter"/> when the
    /// provider gave it); 0 (no response) a connection that failed; 5xx, 408 and 409 a server error; any other a refusal.
    /// </summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="provider">The provider called.</param>
    /// <param name="detail">What the provider said, in one line.</param>
    /// <param name="retryAfter">The wait a 429 asked for, when it gave one.</param>
    protected static ModelFault FromStatus(int status, string provider, string detail, TimeSpan? retryAfter) => status switch
    {
        429 => new ModelFault(ProviderFailure.RateLimited, $"'{provider}' is rate limiting (HTTP 429){RetryAfterText(retryAfter)}") { RetryAfter = retryAfter },
        0 => new ModelFault(ProviderFailure.Network, $"cannot reach '{provider}': {detail}"),
        >= 500 or 408 or 409 => new ModelFault(ProviderFailure.ServerError, $"'{provider}' failed (HTTP {status}): {detail}"),
        _ => new ModelFault(ProviderFailure.Rejected, $"'{provider}' refused the call (HTTP {status}): {detail}"),
    };

    /// <summary>The first line of <paramref name="text"/>, cut at 200 characters: a reason fits on one line.</summary>
    protected static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    /// <summary>A span as seconds, e.g. <c>1.5 s</c>.</summary>
    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string RetryAfterText(TimeSpan? retryAfter) => retryAfter is { } wait ? $"; it asks to retry after {Seconds(wait)}" : "";
}
