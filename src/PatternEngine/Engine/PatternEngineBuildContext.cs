using Microsoft.Extensions.Logging;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Resilience;

namespace PatternEngine;

/// <summary>
/// What a source of routes (<see cref="PatternEngineBuilder.AddRoutes"/>) sees while the engine is built: the settings
/// its routes should follow, and where to hand what it creates, so that the engine disposes it.
/// </summary>
public sealed class PatternEngineBuildContext
{
    private readonly List<IDisposable> _owned;

    internal PatternEngineBuildContext(ModelCatalog catalog, TimeProvider time, ModelFaultClassifier faultClassifier, ILoggerFactory loggerFactory, List<IDisposable> owned)
    {
        Catalog = catalog;
        TimeProvider = time;
        FaultClassifier = faultClassifier;
        LoggerFactory = loggerFactory;
        _owned = owned;
    }

    /// <summary>The catalog the engine costs calls at (its local entries are configurations of the embedded model).</summary>
    public ModelCatalog Catalog { get; }

    /// <summary>The engine's clock, for time limits, backoff and circuit breakers.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>How the engine reads failures; a source with clients of its own may read more of them first.</summary>
    public ModelFaultClassifier FaultClassifier { get; }

    /// <summary>Where the engine logs (<see cref="PatternEngineBuilder.WithLoggerFactory"/>); what a source creates may log there too.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Hands <paramref name="resource"/> to the engine, which disposes it when it is disposed (or at once if building fails), last given first.</summary>
    /// <returns><paramref name="resource"/>, for chaining.</returns>
    public T Own<T>(T resource)
        where T : IDisposable
    {
        ArgumentNullException.ThrowIfNull(resource);
        _owned.Add(resource);
        return resource;
    }
}
