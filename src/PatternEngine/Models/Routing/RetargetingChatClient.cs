using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Routing;

/// <summary>
/// Asks a route's client for the route's model id rather than the logical name the call came with. The router does it
/// itself for routes without middleware of their own; a route's middleware sees the logical name, with this inside it.
/// </summary>
internal sealed class RetargetingChatClient(IChatClient inner, ModelRoute route) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Retarget(options, route), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Retarget(options, route), cancellationToken);

    /// <summary>A copy of <paramref name="options"/> asking for <paramref name="route"/>'s model id (null: the client's own).</summary>
    public static ChatOptions Retarget(ChatOptions? options, ModelRoute route)
    {
        var retargeted = options?.Clone() ?? new ChatOptions();
        retargeted.ModelId = route.ModelId;
        return retargeted;
    }
}
