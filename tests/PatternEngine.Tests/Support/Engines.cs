using Microsoft.Extensions.AI;
using PatternEngine.Models.Routing;

namespace PatternEngine.Tests.Support;

/// <summary>Short ways to build the engine a test runs patterns on.</summary>
public static class Engines
{
    /// <summary>An engine whose every stage calls <paramref name="model"/>, configured further by <paramref name="configure"/>.</summary>
    public static PatternRuntime For(IChatClient model, Action<PatternEngineBuilder>? configure = null) =>
        For(new ModelRoute(model), configure);

    /// <summary>An engine whose every stage takes <paramref name="route"/>.</summary>
    public static PatternRuntime For(ModelRoute route, Action<PatternEngineBuilder>? configure = null) =>
        Routed(new Dictionary<string, ModelRoute> { [ModelRouter.DefaultRoute] = route }, configure);

    /// <summary>An engine with these routes by logical name.</summary>
    public static PatternRuntime Routed(IReadOnlyDictionary<string, ModelRoute> routes, Action<PatternEngineBuilder>? configure = null)
    {
        var builder = new PatternEngineBuilder();
        foreach (var (name, route) in routes)
        {
            builder.AddRoute(name, route);
        }

        configure?.Invoke(builder);
        return builder.Build();
    }
}
