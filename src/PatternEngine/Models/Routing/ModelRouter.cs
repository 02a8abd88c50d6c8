using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Routing;

/// <summary>
/// Sends each call to the route its logical model name (<see cref="ChatOptions.ModelId"/>, as a stage names it) maps
/// to, asking that route's client for the route's own model id. Names without a route go to <c>default</c>. A
/// <c>PatternEngineBuilder</c> makes it, with each route's chain (its middleware, concurrency limit and call guard),
/// and puts it innermost in the engine's pipeline, where every layer finds it with
/// <c>GetService&lt;ModelRouter&gt;()</c>, through any wrapping.
/// </summary>
public sealed class ModelRouter : IChatClient
{
    /// <summary>The route every unnamed or unmapped model name takes.</summary>
    public const string DefaultRoute = "default";

    private readonly FrozenDictionary<string, RouteEntry> _routes;
    private readonly RouteEntry _default;

    /// <param name="routes">Each route as given, with the chain its calls go through; <see cref="DefaultRoute"/> among them.</param>
    internal ModelRouter(IEnumerable<RouteEntry> routes)
    {
        _routes = routes.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        _default = _routes[DefaultRoute];
        Routes = _routes.ToFrozenDictionary(r => r.Key, r => r.Value.Route, StringComparer.Ordinal);
    }

    /// <summary>The routes by logical name, as they were given (their clients without the engine's layers).</summary>
    public IReadOnlyDictionary<string, ModelRoute> Routes { get; }

    /// <summary>The route a logical model name takes.</summary>
    public ModelRoute Resolve(string? name) => Find(name).Route;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var entry = Find(options?.ModelId);
        var response = await entry.Chain.GetResponseAsync(messages, entry.Forward(options), cancellationToken).ConfigureAwait(false);
        response.ModelId ??= entry.ModelName; // so that records name the model that answered, never the logical name
        return response;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var entry = Find(options?.ModelId);
        await foreach (var update in entry.Chain.GetStreamingResponseAsync(messages, entry.Forward(options), cancellationToken).ConfigureAwait(false))
        {
            update.ModelId ??= entry.ModelName;
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(ModelRouter) ? this : _default.Chain.GetService(serviceType, serviceKey);
    }

    /// <summary>Disposes nothing: the routes' clients belong to whoever created them (the engine disposes what it made).</summary>
    public void Dispose()
    {
    }

    private RouteEntry Find(string? name) => name is not null && _routes.TryGetValue(name, out var entry) ? entry : _default;
}
