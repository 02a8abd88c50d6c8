using PatternEngine.Models.Recording;

namespace PatternEngine.Testing;

/// <summary>Builds an engine that answers every call from a recorded cassette, so a test can bench or gate without a model.</summary>
public static class CassetteReplayExtensions
{
    /// <summary>
    /// Replays <paramref name="cassettePath"/>: every route the cassette was recorded through (and <c>default</c>)
    /// answers from it, with the recorded usage and latency; a request it does not hold fails its call.
    /// </summary>
    /// <exception cref="CassetteFileException">The cassette does not exist, holds no calls or has a broken line.</exception>
    public static PatternEngineBuilder UseCassetteReplay(this PatternEngineBuilder builder, string cassettePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cassettePath);
        builder.UseCassette(cassettePath, CassetteMode.Replay);
        foreach (var (name, route) in CassetteRoutes.Of(cassettePath))
        {
            builder.AddRoute(name, route);
        }

        return builder;
    }
}
