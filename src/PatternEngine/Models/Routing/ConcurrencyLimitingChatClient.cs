using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Routing;

/// <summary>
/// Lets at most a fixed number of calls through at once; the others wait their turn, in order. The engine puts one on
/// each route with <see cref="ModelRoute.MaxConcurrency"/> (routes that share a client share its slots). It never
/// disposes its inner client, and holds no wait handle.
/// </summary>
public sealed class ConcurrencyLimitingChatClient : DelegatingChatClient
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Lets at most <paramref name="limit"/> calls reach <paramref name="inner"/> at once.</summary>
    public ConcurrencyLimitingChatClient(IChatClient inner, int limit)
        : this(inner, Slots(limit))
    {
    }

    /// <summary>Takes its slots from <paramref name="slots"/>, which other limiters may share.</summary>
    internal ConcurrencyLimitingChatClient(IChatClient inner, SemaphoreSlim slots)
        : base(inner)
    {
        _slots = slots;
    }

    /// <summary>The slots of a limit, to share between limiters.</summary>
    internal static SemaphoreSlim Slots(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return new SemaphoreSlim(limit, limit);
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            _slots.Release();
        }
    }
}
