using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using PatternEngine.Models.Routing;

namespace PatternEngine.Models.Resilience;

/// <summary>
/// Retries, circuit breaking and fallback around each model call, outside the measurement: every attempt is measured
/// as a call of its own, with its attempt number, and a fallback call says which route it stands in for. The route's
/// own pipeline (<see cref="ModelRoute.Resilience"/>) decides the retries; a route without one is tried once.
/// </summary>
internal sealed class ResilientChatClient(IChatClient inner, ModelRouter router) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var name = options?.ModelId ?? ModelRouter.DefaultRoute;
        var route = router.Resolve(name);
        if (route.Resilience is null && route.Fallback is null)
        {
            return await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await AttemptsAsync(name, route, sent, options, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException failed) when (route.Fallback is { } fallback && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                return await AttemptsAsync(fallback, router.Resolve(fallback), sent, Retarget(options, fallback), name, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelCallException also) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModelCallException(name, $"{failed.Message}; its fallback {also.Message}", also);
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A stream is retried (and falls back) only until its first update: what was yielded cannot be taken back.
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var name = options?.ModelId ?? ModelRouter.DefaultRoute;
        var route = router.Resolve(name);
        if (route.Resilience is null && route.Fallback is null)
        {
            await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        OpenStream opened;
        try
        {
            opened = await AttemptsAsync(name, route, sent, Opener(sent), options, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException failed) when (route.Fallback is { } fallback && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                opened = await AttemptsAsync(fallback, router.Resolve(fallback), sent, Opener(sent), Retarget(options, fallback), name, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelCallException also) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModelCallException(name, $"{failed.Message}; its fallback {also.Message}", also);
            }
        }

        var stream = opened.Stream;
        await using var _ = stream.ConfigureAwait(false);
        for (var more = opened.HasFirst; more; more = await stream.MoveNextAsync().ConfigureAwait(false))
        {
            yield return stream.Current;
        }
    }

    private Task<ChatResponse> AttemptsAsync(string name, ModelRoute route, IReadOnlyList<ChatMessage> sent, ChatOptions? options, string? fallbackFrom, CancellationToken cancellationToken) =>
        AttemptsAsync(name, route, sent, (o, token) => base.GetResponseAsync(sent, o, token), options, fallbackFrom, cancellationToken);

    private async Task<T> AttemptsAsync<T>(
        string name, ModelRoute route, IReadOnlyList<ChatMessage> sent, Func<ChatOptions, CancellationToken, Task<T>> call, ChatOptions? options, string? fallbackFrom, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            var pipeline = route.Resilience ?? ResiliencePipeline.Empty;
            return await pipeline.ExecuteAsync(
                async token => await call(Noted(options, Interlocked.Increment(ref attempts), fallbackFrom), token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is ProviderCallException or BrokenCircuitException)
        {
            var what = fallbackFrom is null ? $"model '{name}'" : $"'{name}'";
            const string circuitOpen = "its endpoint's circuit is open after repeated failures, so no call was made";
            if (e is BrokenCircuitException)
            {
                // The refused attempt reached no model, so the measurement inside never saw it: it is recorded here.
                RecordRefused(sent, Noted(options, attempts + 1, fallbackFrom), new ModelCallException(name, circuitOpen, e));
            }

            var reason = e is BrokenCircuitException ? circuitOpen : e.Message;
            var tries = attempts <= 1 ? "" : $" after {attempts} attempts";
            throw new ModelCallException(name, $"{what} failed{tries}: {reason}", e);
        }
    }

    private void RecordRefused(IReadOnlyList<ChatMessage> sent, ChatOptions options, Exception refusal)
    {
        foreach (var (key, value) in options.AdditionalProperties ?? [])
        {
            refusal.Data[key] = value;
        }

        InnerClient.GetService<Measurement.MeasuringChatClient>()?.RecordRefused(sent, options, refusal);
    }

    private Func<ChatOptions, CancellationToken, Task<OpenStream>> Opener(IReadOnlyList<ChatMessage> sent) => async (options, token) =>
    {
        var stream = base.GetStreamingResponseAsync(sent, options, token).GetAsyncEnumerator(token);
        try
        {
            return new OpenStream(stream, await stream.MoveNextAsync().ConfigureAwait(false));
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    };

    private static ChatOptions Noted(ChatOptions? options, int attempt, string? fallbackFrom)
    {
        var noted = options?.Clone() ?? new ChatOptions();
        noted.AdditionalProperties = noted.AdditionalProperties is { } existing ? new AdditionalPropertiesDictionary(existing) : [];
        noted.AdditionalProperties[ResilienceProperties.AttemptKey] = attempt;
        if (fallbackFrom is not null)
        {
            noted.AdditionalProperties[ResilienceProperties.FallbackFromKey] = fallbackFrom;
        }

        return noted;
    }

    private static ChatOptions Retarget(ChatOptions? options, string route)
    {
        var retargeted = options?.Clone() ?? new ChatOptions();
        retargeted.ModelId = route;
        return retargeted;
    }

    private sealed record OpenStream(IAsyncEnumerator<ChatResponseUpdate> Stream, bool HasFirst);
}
