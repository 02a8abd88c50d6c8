using Microsoft.Extensions.AI;
using PatternEngine.Models.Routing;

namespace PatternEngine.Models.Resilience;

/// <summary>Adds retries, circuit breaking and fallback to a chat client pipeline.</summary>
internal static class ResilienceExtensions
{
    /// <summary>Put it outside the measurement, so that every attempt is measured as a call of its own.</summary>
    public static ChatClientBuilder UseResilience(this ChatClientBuilder builder, ModelRouter router) =>
        builder.Use(inner => new ResilientChatClient(inner, router));
}
