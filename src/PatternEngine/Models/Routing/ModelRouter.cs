using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Routing;

/// <summary>
/// Sends each call to the client its logical model name (<see cref="ChatOptions.ModelId"/>, as a stage names it)
/// maps to, asking that client for the route's own model id. Names without a route go to <c>default</c>.
/// </summary>
public sealed class ModelRouter : IChatClient
{
    /// <summary>The route every unnamed or unmapped model name takes.</summary>
    public const string DefaultRoute = "default";

    private readonly FrozenDictionary<string, ModelRoute> _routes;

    /// <summary>Creates a router; <paramref name="routes"/> must include <see cref="DefaultRoute"/>.</summary>
    public ModelRouter(IReadOnlyDictionary<string, ModelRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (!routes.ContainsKey(DefaultRoute))
        {
            throw new ArgumentException($"a router needs a '{DefaultRoute}' route", nameof(routes));
        }

        if (routes.Values.FirstOrDefault(r => r.MaxConcurrency < 1) is { } invalid)
        {
            throw new ArgumentException($"MaxConcurrency must be at least 1, not {invalid.MaxConcurrency}", nameof(routes));
        }

        // Routes that share a client share its limit: one limiter per client, the tightest limit asked for.
        var limited = routes.Values
            .Where(r => r.MaxConcurrency is not null)
            .GroupBy(r => r.Client)
            .ToDictionary(g => g.Key, g => (IChatClient)new ConcurrencyLimitingChatClient(g.Key, g.Min(r => r.MaxConcurrency!.Value)));
        _routes = routes.ToFrozenDictionary(
            r => r.Key,
            r => limited.TryGetValue(r.Value.Client, out var client) ? r.Value with { Client = client } : r.Value,
            StringComparer.Ordinal);
    }

    /// <summary>A router that sends every call to one client, at most <paramref name="maxConcurrency"/> at once when given.</summary>
    public static ModelRouter For(IChatClient client, string? modelId = null, int? maxConcurrency = null) =>
        new(new Dictionary<string, ModelRoute> { [DefaultRoute] = new(client, modelId) { MaxConcurrency = maxConcurrency } });

    /// <summary>The route a logical model name takes.</summary>
    public ModelRoute Resolve(string? name) =>
        name is not null && _routes.TryGetValue(name, out var route) ? route : _routes[DefaultRoute];

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var route = Resolve(options?.ModelId);
        var response = await route.Client.GetResponseAsync(messages, Retarget(options, route), cancellationToken).ConfigureAwait(false);
        response.ModelId ??= ModelOf(route); // so that records name the model that answered, never the logical name
        return response;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var route = Resolve(options?.ModelId);
        await foreach (var update in route.Client.GetStreamingResponseAsync(messages, Retarget(options, route), cancellationToken).ConfigureAwait(false))
        {
            update.ModelId ??= ModelOf(route);
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ModelRouter) ? this : _routes[DefaultRoute].Client.GetService(serviceType, serviceKey);

    /// <summary>Disposes nothing: the routes' clients belong to whoever created them.</summary>
    public void Dispose()
    {
    }

    private static string ModelOf(ModelRoute route) =>
        route.ModelId ?? route.Client.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown";

    private static ChatOptions Retarget(ChatOptions? options, ModelRoute route)
    {
        var retargeted = options?.Clone() ?? new ChatOptions();
        retargeted.ModelId = route.ModelId;
        return retargeted;
    }
}
