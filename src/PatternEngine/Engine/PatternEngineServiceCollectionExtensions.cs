using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PatternEngine;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a pattern engine (<see cref="PatternRuntime"/>) with Microsoft.Extensions.DependencyInjection.</summary>
public static class PatternEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="PatternRuntime"/> singleton, built on first use by <paramref name="configure"/>. Before it
    /// runs, the builder has the container's <see cref="TimeProvider"/> and <see cref="ILoggerFactory"/> (when registered); after it, an engine
    /// given no route serves every call with the container's <see cref="IChatClient"/> (when one is registered, as
    /// <c>AddChatClient</c> does). The container disposes the engine, which disposes what it created, never the
    /// container's services.
    /// </summary>
    /// <example><code>
    /// services.AddChatClient(openAiClient);
    /// services.AddPatternEngine((provider, engine) => engine.WithCatalog(ModelCatalog.BuiltIn).Use(inner => new MyCache(inner)));
    /// </code></example>
    public static IServiceCollection AddPatternEngine(this IServiceCollection services, Action<IServiceProvider, PatternEngineBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(provider =>
        {
            var builder = new PatternEngineBuilder();
            if (provider.GetService<TimeProvider>() is { } time)
            {
                builder.WithTimeProvider(time);
            }

            if (provider.GetService<ILoggerFactory>() is { } loggers)
            {
                builder.WithLoggerFactory(loggers);
            }

            configure?.Invoke(provider, builder);
            if (!builder.HasRoutes && provider.GetService<IChatClient>() is { } client)
            {
                builder.UseChatClient(client);
            }

            return builder.Build();
        });
        return services;
    }

    /// <inheritdoc cref="AddPatternEngine(IServiceCollection, Action{IServiceProvider, PatternEngineBuilder}?)"/>
    public static IServiceCollection AddPatternEngine(this IServiceCollection services, Action<PatternEngineBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddPatternEngine((_, builder) => configure(builder));
    }
}
