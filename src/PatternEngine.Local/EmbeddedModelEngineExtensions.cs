using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Routing;

namespace PatternEngine.Models.Local;

/// <summary>Adds the embedded GGUF model (LLamaSharp, in-process) to an engine.</summary>
public static class EmbeddedModelEngineExtensions
{
    /// <summary>
    /// Loads the GGUF file <paramref name="modelFile"/> when the engine is built (disposed with it), and serves with it
    /// the <c>default</c> route and a route per local entry of the engine's catalog (a configuration of the model: its
    /// call settings, recorded under the entry's id), all sharing at most <paramref name="maxConcurrency"/> calls in
    /// flight when given.
    /// </summary>
    /// <exception cref="ModelFileException">When the engine is built: the file is missing or is no readable GGUF model.</exception>
    public static PatternEngineBuilder AddEmbeddedModel(this PatternEngineBuilder builder, string modelFile, GgufModelOptions? options = null, int? maxConcurrency = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelFile);
        return builder.AddRoutes(context =>
            Routes(context.Own(GgufModel.Load(modelFile, WithEngineLog(options, context))).AsChatClient(), context.Catalog, maxConcurrency));
    }

    /// <summary>
    /// Serves with <paramref name="model"/> (the caller keeps and disposes it) the <c>default</c> route and a route per
    /// local entry of the engine's catalog, all sharing at most <paramref name="maxConcurrency"/> calls in flight when given.
    /// </summary>
    public static PatternEngineBuilder AddEmbeddedModel(this PatternEngineBuilder builder, GgufModel model, int? maxConcurrency = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(model);
        return builder.AddEmbeddedModel(model.AsChatClient(), maxConcurrency);
    }

    /// <summary>
    /// Serves with <paramref name="embedded"/> (a client of the embedded model, or one standing in for it) the
    /// <c>default</c> route and a route per local entry of the engine's catalog, each applying its entry's settings.
    /// </summary>
    public static PatternEngineBuilder AddEmbeddedModel(this PatternEngineBuilder builder, IChatClient embedded, int? maxConcurrency = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(embedded);
        return builder.AddRoutes(context => Routes(embedded, context.Catalog, maxConcurrency));
    }

    // The model logs where the engine does, unless its options name a logger of their own.
    private static GgufModelOptions WithEngineLog(GgufModelOptions? options, PatternEngineBuildContext context)
    {
        options ??= new GgufModelOptions();
        return ReferenceEquals(options.LoggerFactory, NullLoggerFactory.Instance) ? options with { LoggerFactory = context.LoggerFactory } : options;
    }

    private static Dictionary<string, ModelRoute> Routes(IChatClient embedded, ModelCatalog catalog, int? maxConcurrency)
    {
        // One limiter in front of the one model, so that every configuration shares its limit.
        var shared = maxConcurrency is { } limit ? new ConcurrencyLimitingChatClient(embedded, limit) : embedded;
        var routes = new Dictionary<string, ModelRoute>(StringComparer.Ordinal) { [ModelRouter.DefaultRoute] = new(shared) };
        foreach (var model in catalog.Models.Where(m => m.IsLocal))
        {
            routes[model.Id] = new ModelRoute(new ConfiguredChatClient(shared, model));
        }

        return routes;
    }
}
