using Microsoft.Extensions.AI;
using PatternEngine.Compilation;
using PatternEngine.Models.Measurement;

namespace PatternEngine.Benchmarks.Support;

/// <summary>
/// The engine's measurement middleware as <see cref="PatternCompiler"/> adds it with default options
/// (<c>UseMeasurement</c>; reached through InternalsVisibleTo, so a change in src/ fails the build, not a run).
/// </summary>
public static class Measurement
{
    /// <summary>The middleware around <paramref name="inner"/>, with the default options' clock and catalog.</summary>
    public static IChatClient Wrap(IChatClient inner)
    {
        var defaults = new PatternCompilerOptions();
        return new ChatClientBuilder(inner).UseMeasurement(defaults.TimeProvider, defaults.Catalog).Build();
    }
}
