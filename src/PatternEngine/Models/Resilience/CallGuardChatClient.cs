using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Timeout;

namespace PatternEngine.Models.Resilience;

/// <summary>
/// Guards each attempt of a call to one route's client, inside the measurement, so that what the measurement records
/// of an attempt says what happened: it holds the attempt to its time limit, and turns every way the client fails
/// that the <see cref="ModelFaultClassifier"/> reads (an HTTP status, a hang, a body that is not JSON, an answer with
/// nothing in it) into a <see cref="ProviderCallException"/> with a one-line reason, which the retries and fallback of
/// <see cref="ResilientChatClient"/> act on. The engine puts one on every route with retries, a fallback or a time
/// limit, inside its concurrency limit (waiting for a slot is not the attempt's time).
/// </summary>
public sealed class CallGuardChatClient : DelegatingChatClient
{
    private readonly string _provider;
    private readonly ModelFaultClassifier _classifier;
    private readonly TimeSpan? _timeout;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _timeLimit;

    /// <summary>Guards calls to <paramref name="inner"/>.</summary>
    /// <param name="inner">The route's client.</param>
    /// <param name="provider">What to call the client in reasons: its provider, or the route's name.</param>
    /// <param name="classifier">Reads the client's failures; <see cref="ModelFaultClassifier.Default"/> when null.</param>
    /// <param name="timeout">The longest one attempt may take; null for no limit.</param>
    /// <param name="time">The clock of the time limit.</param>
    public CallGuardChatClient(IChatClient inner, string provider, ModelFaultClassifier? classifier = null, TimeSpan? timeout = null, TimeProvider? time = null)
        : base(inner)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a time limit must be longer than zero");
        }

        _provider = provider;
        _classifier = classifier ?? ModelFaultClassifier.Default;
        _timeout = timeout;
        _time = time ?? TimeProvider.System;
        _timeLimit = timeout is { } limit ? new ResiliencePipelineBuilder { TimeProvider = _time }.AddTimeout(limit).Build() : ResiliencePipeline.Empty;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response;
        try
        {
            response = await _timeLimit.ExecuteAsync(
                async (call, token) => await call.Inner.GetResponseAsync(call.Messages, call.Options, token).ConfigureAwait(false),
                (Inner: InnerClient, Messages: messages, Options: options),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Fault(e) is { } failure)
        {
            throw failure;
        }

        return _classifier.Classify(response, _provider) is { } empty
            ? throw new ProviderCallException(empty.Kind, empty.Reason, null, empty.RetryAfter) { Usage = response.Usage }
            : response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Polly's timeout wraps a callback, not a stream that yields as it goes, so a stream gets the same limit by hand.
        using var limit = _timeout is { } timeout ? new CancellationTokenSource(timeout, _time) : null;
        using var linked = limit is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var token = linked?.Token ?? cancellationToken;
        var stream = base.GetStreamingResponseAsync(messages, options, token).GetAsyncEnumerator(token);
        await using var _ = stream.ConfigureAwait(false);
        var answered = false;
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
            catch (Exception e) when (!cancellationToken.IsCancellationRequested
                && Fault(limit?.IsCancellationRequested == true ? new TimeoutRejectedException() : e) is { } failure)
            {
                throw failure;
            }

            answered |= update.Contents.Any(ModelFaultClassifier.IsAnswer);
            usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
            yield return update;
        }

        if (!answered)
        {
            throw new ProviderCallException(ProviderFailure.EmptyResponse, $"'{_provider}' streamed no text and no tool call") { Usage = usage };
        }
    }

    // Null leaves the exception as it is: it is no fault the classifier reads.
    private ProviderCallException? Fault(Exception error) => error switch
    {
        ProviderCallException known => known,
        TimeoutRejectedException when _timeout is { } timeout =>
            new ProviderCallException(ProviderFailure.Timeout, $"no answer from '{_provider}' within {ModelFaultClassifier.Seconds(timeout)}", error),
        _ => _classifier.Classify(error, _provider) is { } fault ? new ProviderCallException(fault.Kind, fault.Reason, error, fault.RetryAfter) : null,
    };
}
