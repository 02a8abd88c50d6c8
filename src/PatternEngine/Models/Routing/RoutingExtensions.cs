using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Routing;

/// <summary>Adds the engine's routing layers to a chat client pipeline.</summary>
public static class RoutingExtensions
{
    /// <summary>At most <paramref name="limit"/> calls in flight at once (<see cref="ConcurrencyLimitingChatClient"/>).</summary>
    public static ChatClientBuilder UseConcurrencyLimit(this ChatClientBuilder builder, int limit)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ConcurrencyLimitingChatClient(inner, limit));
    }
}
