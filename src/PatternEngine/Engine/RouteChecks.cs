using PatternEngine.Models.Routing;

namespace PatternEngine;

/// <summary>What makes a set of routes unusable, found before anything is assembled, every problem at once.</summary>
internal static class RouteChecks
{
    public static IEnumerable<string> Problems(IReadOnlyDictionary<string, ModelRoute> routes, IEnumerable<string> middlewareRoutes)
    {
        if (routes.Count == 0)
        {
            yield return "no route: give a chat client with UseChatClient, routes with AddRoute, or a source of routes (the embedded model, a providers file)";
        }
        else if (!routes.ContainsKey(ModelRouter.DefaultRoute))
        {
            yield return $"no '{ModelRouter.DefaultRoute}' route, which stages that name no model (or a model no route names) take; routes given: {string.Join(", ", routes.Keys.Order(StringComparer.Ordinal))}";
        }

        foreach (var (name, route) in routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                yield return "a route has no name";
            }

            if (route.Client is null)
            {
                yield return $"route '{name}' has no client";
            }

            if (route.MaxConcurrency < 1)
            {
                yield return $"route '{name}': MaxConcurrency must be at least 1, not {route.MaxConcurrency}";
            }

            if (route.AttemptTimeout <= TimeSpan.Zero)
            {
                yield return $"route '{name}': AttemptTimeout must be longer than zero, not {route.AttemptTimeout}";
            }

            if (route.Fallback is { } fallback && (fallback == name || !routes.ContainsKey(fallback)))
            {
                yield return fallback == name
                    ? $"route '{name}' falls back to itself"
                    : $"route '{name}' falls back to '{fallback}', which is no route";
            }
        }

        foreach (var name in middlewareRoutes.Where(n => !routes.ContainsKey(n)).Distinct(StringComparer.Ordinal))
        {
            yield return $"middleware is added to route '{name}', which is no route";
        }
    }
}
