using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatternEngine.Tests.Support;

/// <summary>Passes calls on and lets a callback change each answer (drop its usage, add a property) on its way back.</summary>
public sealed class AnnotatingChatClient(IChatClient inner, Action<ChatResponse> annotate) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        annotate(response);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }
}
