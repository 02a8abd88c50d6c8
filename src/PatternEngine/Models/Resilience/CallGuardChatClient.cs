using System.ClientModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Timeout;

namespace PatternEngine.Models.Resilience;

/// <summary>
/// Sits between the measurement and a provider, so that what the measurement records of an attempt says what
/// happened: it holds the attempt to its time limit, turns every way a provider fails (an HTTP status, a hang, a
/// body that is not chat-completions JSON, no choices, an empty message) into a <see cref="ProviderCallException"/>
/// with a one-line reason, and hands the resilience middleware's attempt number and fallback note to the measurement.
/// </summary>
internal sealed class CallGuardChatClient : DelegatingChatClient
{
    private readonly string _provider;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _timeLimit;

    public CallGuardChatClient(IChatClient inner, string provider, TimeSpan timeout, TimeProvider time)
        : base(inner)
    {
        _provider = provider;
        _timeout = timeout;
        _time = time;
        _timeLimit = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(timeout).Build();
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (forwarded, notes) = Split(options);
        try
        {
            var response = await _timeLimit.ExecuteAsync(
                async (call, token) => await call.Inner.GetResponseAsync(call.Messages, call.Options, token).ConfigureAwait(false),
                (Inner: InnerClient, Messages: messages, Options: forwarded),
                cancellationToken).ConfigureAwait(false);
            if (EmptyReason(response) is { } empty)
            {
                throw new ProviderCallException(ProviderFailure.EmptyResponse, $"'{_provider}' answered {empty}") { Usage = response.Usage };
            }

            foreach (var (key, value) in notes)
            {
                (response.AdditionalProperties ??= [])[key] = value;
            }

            return response;
        }
        catch (Exception e) when (Translate(e, cancellationToken) is { } failure)
        {
            throw Noted(failure, notes);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Polly's timeout wraps a callback, not a stream that yields as it goes, so a stream gets the same limit by hand.
        var (forwarded, notes) = Split(options);
        using var limit = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var stream = base.GetStreamingResponseAsync(messages, forwarded, linked.Token).GetAsyncEnumerator(linked.Token);
        await using var _ = stream.ConfigureAwait(false);
        var answered = false;
        var first = true;
        UsageDetails? usage = null;
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await stream.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }

                update = stream.Current;
            }
            catch (Exception e) when (Translate(limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested ? new TimeoutRejectedException() : e, cancellationToken) is { } failure)
            {
                throw Noted(failure, notes);
            }

            answered |= update.Contents.Any(c => c is TextContent { Text.Length: > 0 } or FunctionCallContent);
            usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
            if (first)
            {
                foreach (var (key, value) in notes)
                {
                    (update.AdditionalProperties ??= [])[key] = value;
                }

                first = false;
            }

            yield return update;
        }

        if (!answered)
        {
            throw Noted(new ProviderCallException(ProviderFailure.EmptyResponse, $"'{_provider}' streamed no text and no tool call") { Usage = usage }, notes);
        }
    }

    // Our notes are for the measurement, not the provider: the OpenAI client might send unknown options along.
    private static (ChatOptions? Forwarded, List<KeyValuePair<string, object?>> Notes) Split(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.Keys.Any(ResilienceProperties.IsOurs))
        {
            return (options, []);
        }

        var notes = properties.Where(p => ResilienceProperties.IsOurs(p.Key)).ToList();
        var forwarded = options.Clone();
        forwarded.AdditionalProperties = new AdditionalPropertiesDictionary(properties.Where(p => !ResilienceProperties.IsOurs(p.Key)).ToDictionary());
        return (forwarded, notes);
    }

    private static ProviderCallException Noted(ProviderCallException failure, List<KeyValuePair<string, object?>> notes)
    {
        foreach (var (key, value) in notes)
        {
            failure.Data[key] = value;
        }

        return failure;
    }

    private static string? EmptyReason(ChatResponse response) =>
        response.Messages.Count == 0 ? "with no choices"
        : response.Messages[^1].Contents.Any(c => c is TextContent { Text.Length: > 0 } or FunctionCallContent) ? null
        : "with an empty message";

    // Null leaves the exception as it is: the caller cancelled, or it is no provider failure.
    private ProviderCallException? Translate(Exception error, CancellationToken cancellationToken) => error switch
    {
        ProviderCallException known => known,
        _ when cancellationToken.IsCancellationRequested => null,
        TimeoutRejectedException or OperationCanceledException =>
            new ProviderCallException(ProviderFailure.Timeout, $"no answer from '{_provider}' within {Seconds(_timeout)}", error),
        ClientResultException { Status: 429 } http =>
            new ProviderCallException(ProviderFailure.RateLimited, $"'{_provider}' is rate limiting (HTTP 429){RetryAfterText(RetryAfter(http))}", error, RetryAfter(http)),
        ClientResultException { Status: 0 } http =>
            new ProviderCallException(ProviderFailure.Network, $"cannot reach '{_provider}': {FirstLine(http.Message)}", error),
        ClientResultException { Status: >= 500 or 408 or 409 } http =>
            new ProviderCallException(ProviderFailure.ServerError, $"'{_provider}' failed (HTTP {http.Status}): {ErrorMessage(http)}", error),
        ClientResultException http =>
            new ProviderCallException(ProviderFailure.Rejected, $"'{_provider}' refused the call (HTTP {http.Status}): {ErrorMessage(http)}", error),
        HttpRequestException or IOException =>
            new ProviderCallException(ProviderFailure.Network, $"cannot reach '{_provider}': {FirstLine(error.Message)}", error),
        // The OpenAI SDK reads the first choice of a parsed body; with none it throws this.
        ArgumentOutOfRangeException =>
            new ProviderCallException(ProviderFailure.EmptyResponse, $"'{_provider}' answered with no choices", error),
        JsonException or FormatException or KeyNotFoundException or InvalidOperationException =>
            new ProviderCallException(ProviderFailure.MalformedResponse, $"'{_provider}' answered with a body that is not chat-completions JSON: {FirstLine(error.Message)}", error),
        _ => null,
    };

    // Retry-After is seconds or an HTTP date; OpenAI also sends retry-after-ms, which is more precise.
    private TimeSpan? RetryAfter(ClientResultException error)
    {
        var headers = error.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (!headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? TimeSpan.FromTicks(Math.Max(0, (when - _time.GetUtcNow()).Ticks))
            : null;
    }

    // The provider's own words (OpenAI's error.message) say more than the SDK's "HTTP 500 (type: code)".
    private static string ErrorMessage(ClientResultException error)
    {
        try
        {
            using var body = JsonDocument.Parse(error.GetRawResponse()?.Content ?? BinaryData.Empty);
            if (body.RootElement.TryGetProperty("error", out var detail) && detail.ValueKind == JsonValueKind.Object
                && detail.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
            {
                return FirstLine(text);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a message that is no text (a lone surrogate escape): the SDK's own line will do.
        }

        return FirstLine(error.Message);
    }

    private static string RetryAfterText(TimeSpan? retryAfter) => retryAfter is { } wait ? $"; it asks to retry after {Seconds(wait)}" : "";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
