using Microsoft.Extensions.AI;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Measurement;

namespace PatternEngine.Benchmarks.Support;

/// <summary>
/// The engine's measurement middleware as <see cref="PatternEngineBuilder"/> adds it with default settings
/// (<c>UseMeasurement</c>, with the system clock and no catalog).
/// </summary>
public static class Measurement
{
    /// <summary>The middleware around <paramref name="inner"/>, with the default options' clock and catalog.</summary>
    public static IChatClient Wrap(IChatClient inner)
    {
        return new ChatClientBuilder(inner).UseMeasurement(TimeProvider.System, ModelCatalog.Empty).Build();
    }
}
