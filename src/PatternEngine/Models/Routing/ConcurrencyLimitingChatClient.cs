using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Routing;

/// <summary>
/// Lets at most a fixed number of calls reach a provider at once; the others wait their turn. It is never
/// disposed: the router that owns it does not own the provider, and the semaphore holds no wait handle.
/// </summary>
internal sealed class ConcurrencyLimitingChatClient(IChatClient inner, int limit) : DelegatingChatClient(inner)
{
    private readonly SemaphoreSlim _slots = new(limit, limit);

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
