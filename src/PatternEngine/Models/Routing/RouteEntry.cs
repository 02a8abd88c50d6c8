using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Routing;

/// <summary>
/// A route as the router calls it: the route as given, and the chain its calls go through (the route's middleware,
/// its concurrency limit, its call guard, then its client).
/// </summary>
/// <param name="Name">The logical model name.</param>
/// <param name="Route">The route as given.</param>
/// <param name="Chain">What calls to the route go through.</param>
/// <param name="RetargetsItself">
/// Whether the chain asks for the route's model id itself: a route with middleware of its own lets the middleware see
/// the logical name, and asks for the model id just inside it (<see cref="RetargetingChatClient"/>).
/// </param>
internal sealed record RouteEntry(string Name, ModelRoute Route, IChatClient Chain, bool RetargetsItself)
{
    /// <summary>The model the route answers with when the answer does not say: its model id, else its client's default.</summary>
    public string ModelName { get; } = Route.ModelId ?? Route.Client.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown";

    /// <summary>The options the chain is called with.</summary>
    public ChatOptions? Forward(ChatOptions? options) => RetargetsItself ? options : RetargetingChatClient.Retarget(options, Route);
}
