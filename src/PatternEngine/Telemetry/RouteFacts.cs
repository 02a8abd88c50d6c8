using Microsoft.Extensions.AI;
using PatternEngine.Models.Routing;

namespace PatternEngine.Telemetry;

/// <summary>
/// What a call's span and metrics say about where a logical model name goes: the model asked for, the provider and
/// its server. From the route's client metadata; never a key or header.
/// </summary>
internal sealed record RouteFacts(string Route, string? Model, string? ProviderName, string? ServerAddress, int? ServerPort)
{
    public static RouteFacts Of(ModelRouter router, string route)
    {
        var resolved = router.Resolve(route);
        var metadata = resolved.Client.GetService<ChatClientMetadata>();
        var server = metadata?.ProviderUri;
        return new RouteFacts(
            route,
            resolved.ModelId ?? metadata?.DefaultModelId,
            metadata?.ProviderName,
            server?.Host,
            server?.Port);
    }
}
