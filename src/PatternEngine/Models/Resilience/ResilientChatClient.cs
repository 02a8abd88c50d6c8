using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using PatternEngine.Models.Calls;
using PatternEngine.Models.Measurement;
using PatternEngine.Models.Routing;

namespace PatternEngine.Models.Resilience;

/// <summary>
/// Retries, circuit breaking and fallback around each model call, outside the measurement: every attempt is measured
/// as a call of its own. Each attempt carries its <see cref="ModelCallContext"/> (its number, and for a fallback the
/// route it stands in for). The route's own pipeline (<see cref="ModelRoute.Resilience"/>) decides the retries, on the
/// <see cref="ProviderCallException"/>s the route's call guard throws for any client; a route without one is tried
/// once, and a route with neither retries nor a fallback is passed straight through.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ModelRouter _router;

    /// <summary>Wraps <paramref name="inner"/>, which must hold a <see cref="ModelRouter"/> (found with <c>GetService</c>, through any wrapping).</summary>
    /// <exception cref="ArgumentException">No router answers <c>GetService</c> inside <paramref name="inner"/>.</exception>
    public ResilientChatClient(IChatClient inner)
        : base(inner)
    {
        _router = inner.GetService<ModelRouter>()
            ?? throw new ArgumentException("no ModelRouter inside: resilience acts per route, so the pipeline must end in a router (a wrapper must pass GetService on)", nameof(inner));
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var name = options?.ModelId ?? ModelRouter.DefaultRoute;
        var route = _router.Resolve(name);
        if (route.Resilience is null && route.Fallback is null)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        try
        {
            return await AttemptsAsync(name, route, sent, options, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException failed) when (route.Fallback is { } fallback && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                return await AttemptsAsync(fallback, _router.Resolve(fallback), sent, Retarget(options, fallback), name, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelCallException also) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModelCallException(name, $"{failed.Message}; its fallback {also.Message}", also);
            }
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A stream is retried (and falls back) only until its first update: what was yielded cannot be taken back.
        var name = options?.ModelId ?? ModelRouter.DefaultRoute;
        var route = _router.Resolve(name);
        if (route.Resilience is null && route.Fallback is null)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        OpenStream opened;
        try
        {
            opened = await AttemptsAsync(name, route, sent, Opener(sent), options, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException failed) when (route.Fallback is { } fallback && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                opened = await AttemptsAsync(fallback, _router.Resolve(fallback), sent, Opener(sent), Retarget(options, fallback), name, cancellationToken).ConfigureAwait(false);
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
        var stage = CallScope.Current?.StageId;
        ChatOptions Attempt(int number) =>
            new ModelCallContext { Stage = stage, Route = name, Attempt = number, FallbackFrom = fallbackFrom }.AttachTo(options);

        try
        {
            var pipeline = route.Resilience ?? ResiliencePipeline.Empty;
            return await pipeline.ExecuteAsync(
                async token => await call(Attempt(Interlocked.Increment(ref attempts)), token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is ProviderCallException or BrokenCircuitException)
        {
            var what = fallbackFrom is null ? $"model '{name}'" : $"'{name}'";
            const string circuitOpen = "its endpoint's circuit is open after repeated failures, so no call was made";
            if (e is BrokenCircuitException)
            {
                // The refused attempt reached no model, so the measurement inside never saw it: it is recorded here.
                InnerClient.GetService<MeasuringChatClient>()?.RecordRefused(sent, Attempt(attempts + 1), new ModelCallException(name, circuitOpen, e));
            }

            var reason = e is BrokenCircuitException ? circuitOpen : e.Message;
            var tries = attempts <= 1 ? "" : $" after {attempts} attempts";
            throw new ModelCallException(name, $"{what} failed{tries}: {reason}", e);
        }
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

    private static ChatOptions Retarget(ChatOptions? options, string route)
    {
        var retargeted = options?.Clone() ?? new ChatOptions();
        retargeted.ModelId = route;
        return retargeted;
    }

    private sealed record OpenStream(IAsyncEnumerator<ChatResponseUpdate> Stream, bool HasFirst);
}
