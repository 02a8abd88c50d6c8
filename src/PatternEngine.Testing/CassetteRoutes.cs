using System.Text.Json.Nodes;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Routing;

namespace PatternEngine.Testing;

/// <summary>The routes a cassette was recorded through, as each entry's request names them (route, provider, model).</summary>
internal static class CassetteRoutes
{
    /// <summary>Routes that each name the recorded provider and model and call nothing, by logical name; <c>default</c> among them.</summary>
    /// <exception cref="CassetteFileException">The cassette holds no entry.</exception>
    public static Dictionary<string, ModelRoute> Of(string cassettePath)
    {
        var targets = Targets(cassettePath);
        if (targets.Count == 0)
        {
            throw new CassetteFileException($"{cassettePath}: the cassette holds no calls to replay; record the run first");
        }

        var routes = targets.ToDictionary(t => t.Key, t => new ModelRoute(new ReplayOnlyChatClient(t.Value.Provider, t.Value.Model), t.Value.Model), StringComparer.Ordinal);
        routes.TryAdd(ModelRouter.DefaultRoute, routes.First().Value);
        return routes;
    }

    private static Dictionary<string, (string? Provider, string Model)> Targets(string cassettePath)
    {
        var targets = new Dictionary<string, (string? Provider, string Model)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(cassettePath))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            // Cassette.Load has read every line as an entry already; a field of the request that is not text names no route.
            if (JsonNode.Parse(line)?["request"] is JsonObject request && Text(request, "route") is { } route && Text(request, "model") is { } model)
            {
                targets.TryAdd(route, (Text(request, "provider"), model));
            }
        }

        return targets;
    }

    private static string? Text(JsonObject request, string name) =>
        request[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
