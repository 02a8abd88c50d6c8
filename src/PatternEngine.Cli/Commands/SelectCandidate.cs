using PatternEngine.Models.Catalog;
using PatternEngine.Models.Providers;

namespace PatternEngine.Cli.Commands;

/// <summary>A model <c>patterns select</c> may choose, and the engine flags that bench it.</summary>
/// <param name="Id">The model id, as history and plans name it.</param>
/// <param name="BenchFlags">The <c>patterns bench</c> flags that run every stage on it.</param>
internal sealed record SelectCandidate(string Id, string BenchFlags)
{
    /// <summary>
    /// The candidates: the ids given; else every model a providers file routes to and every model the history has
    /// measured on the pattern; else, with neither, the catalog's models.
    /// </summary>
    public static IReadOnlyList<SelectCandidate> Find(
        string? ids, ProvidersFile? providers, ModelCatalog catalog, IEnumerable<string> measured)
    {
        var routed = providers is null
            ? []
            : providers.Models.Values.Select(r => r.Model).Concat(providers.Providers.Values.Select(p => p.DefaultModel).OfType<string>());
        var chosen = ids?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            ?? [.. routed.Concat(measured).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (chosen.Count == 0)
        {
            chosen = [.. catalog.Models.Select(m => m.Id)];
        }

        return [.. chosen.Distinct(StringComparer.Ordinal).Select(id => new SelectCandidate(id, Flags(id, providers, catalog)))];
    }

    private static string Flags(string id, ProvidersFile? providers, ModelCatalog catalog)
    {
        if (providers?.Models.Values.FirstOrDefault(r => r.Model == id) is { } route)
        {
            return $"--providers {providers.File} --provider {route.Provider} --model {id}";
        }

        if (providers?.Providers.Values.FirstOrDefault(p => p.DefaultModel == id) is { } provider)
        {
            return $"--providers {providers.File} --provider {provider.Name} --model {id}";
        }

        return catalog.Find(id) switch
        {
            { IsLocal: true } => $"--model {id}",
            { Provider: { Length: > 0 } name } => $"--provider {name} --model {id}",
            _ => $"--endpoint URL --model {id}",
        };
    }
}
