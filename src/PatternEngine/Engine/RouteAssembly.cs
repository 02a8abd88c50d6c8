using Microsoft.Extensions.AI;
using PatternEngine.Models.Resilience;
using PatternEngine.Models.Routing;

namespace PatternEngine;

/// <summary>
/// Makes each route's chain, in the documented order: the route's own middleware, its concurrency limit, its call
/// guard, its client. Routes that share a client share its concurrency slots (the tightest limit asked for); a route
/// with retries, a fallback or a time limit, or that another route falls back to, has a call guard unless its client
/// brings one (a providers file's routes do).
/// </summary>
internal static class RouteAssembly
{
    public static ModelRouter Router(
        IReadOnlyDictionary<string, ModelRoute> routes, IReadOnlyList<PatternEngineBuilder.RouteMiddleware> middleware, ModelFaultClassifier classifier, TimeProvider time)
    {
        var slots = routes.Values
            .Where(r => r.MaxConcurrency is not null)
            .GroupBy(r => r.Client)
            .ToDictionary(g => g.Key, g => ConcurrencyLimitingChatClient.Slots(g.Min(r => r.MaxConcurrency!.Value)));
        var fallbackTargets = routes.Values.Select(r => r.Fallback).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var entries = new List<RouteEntry>(routes.Count);
        foreach (var (name, route) in routes)
        {
            IChatClient chain = route.Client;
            if ((route.IsGuarded || fallbackTargets.Contains(name)) && chain.GetService<CallGuardChatClient>() is null)
            {
                chain = new CallGuardChatClient(chain, name, classifier, route.AttemptTimeout, time);
            }

            if (slots.TryGetValue(route.Client, out var shared))
            {
                chain = new ConcurrencyLimitingChatClient(chain, shared);
            }

            var own = middleware.Where(m => m.Route is null || m.Route == name).ToList();
            if (own.Count > 0)
            {
                // The route's middleware sees the logical name; the model id is asked for just inside it.
                chain = new RetargetingChatClient(chain, route);
                for (var i = own.Count - 1; i >= 0; i--)
                {
                    chain = own[i].Factory(name, chain) ?? Missing(problems, name, chain);
                }
            }

            entries.Add(new RouteEntry(name, route, chain, RetargetsItself: own.Count > 0));
        }

        EngineConfigurationException.ThrowIfAny(problems);
        return new ModelRouter(entries);
    }

    private static IChatClient Missing(List<string> problems, string route, IChatClient inner)
    {
        problems.Add($"middleware of route '{route}' made no client");
        return inner;
    }
}
