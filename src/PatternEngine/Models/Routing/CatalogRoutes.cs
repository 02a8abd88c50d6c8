using Microsoft.Extensions.AI;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Models.Routing;

/// <summary>Routes for the catalog's local entries: each is a configuration of the embedded model, reached by its id.</summary>
public static class CatalogRoutes
{
    /// <summary>The provider name of entries the embedded model serves.</summary>
    public const string LocalProvider = "local";

    /// <summary>
    /// A router whose <c>default</c> route is <paramref name="embedded"/> as it is, and whose route named by each
    /// local catalog entry's id is <paramref name="embedded"/> with that entry's settings; at most
    /// <paramref name="maxConcurrency"/> calls in flight across all of them when given.
    /// </summary>
    public static ModelRouter ForEmbedded(IChatClient embedded, ModelCatalog catalog, int? maxConcurrency = null)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        ArgumentNullException.ThrowIfNull(catalog);

        // One limiter in front of the one model, so that every configuration shares its limit.
        var shared = maxConcurrency is { } limit ? new ConcurrencyLimitingChatClient(embedded, limit) : embedded;
        var routes = new Dictionary<string, ModelRoute>(StringComparer.Ordinal) { [ModelRouter.DefaultRoute] = new(shared) };
        foreach (var model in catalog.Models.Where(IsLocal))
        {
            routes[model.Id] = new ModelRoute(new ConfiguredChatClient(shared, model));
        }

        return new ModelRouter(routes);
    }

    /// <summary>Whether the embedded model serves the entry.</summary>
    public static bool IsLocal(CatalogModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return string.Equals(model.Provider, LocalProvider, StringComparison.OrdinalIgnoreCase);
    }
}
