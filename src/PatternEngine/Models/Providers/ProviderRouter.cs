using Microsoft.Extensions.AI;
using Polly.Registry;
using PatternEngine.Definitions;
using PatternEngine.Models.OpenAI;
using PatternEngine.Models.Resilience;
using PatternEngine.Models.Routing;

namespace PatternEngine.Models.Providers;

/// <summary>
/// The <see cref="ModelRouter"/> a providers file describes: each logical model name goes to its OpenAI-compatible
/// endpoint, through that endpoint's time limit, retries, circuit breaker and concurrency limit. Pass
/// <see cref="Router"/> to <see cref="Compilation.PatternCompiler"/>; dispose this when the runs are done.
/// </summary>
/// <example><code>
/// using var providers = ProviderRouter.Load("providers.yaml");
/// var compiler = new PatternCompiler(providers.Router, options);
/// </code></example>
public sealed class ProviderRouter : IDisposable
{
    private readonly HttpClient? _ownedHttp;
    private readonly List<IChatClient> _clients;
    private readonly ResiliencePipelineRegistry<string> _pipelines;

    private ProviderRouter(ModelRouter router, HttpClient? ownedHttp, List<IChatClient> clients, ResiliencePipelineRegistry<string> pipelines)
    {
        Router = router;
        _ownedHttp = ownedHttp;
        _clients = clients;
        _pipelines = pipelines;
    }

    /// <summary>The router to compile patterns with.</summary>
    public ModelRouter Router { get; }

    /// <summary>Reads a providers file and sets up its routes; it must map <c>default</c>.</summary>
    /// <param name="path">The providers file.</param>
    /// <param name="environment">Reads an environment variable (the API keys); the process environment when null.</param>
    /// <exception cref="ProvidersFileException">The file is invalid, or an API key's variable is not set.</exception>
    public static ProviderRouter Load(string path, Func<string, string?>? environment = null) =>
        Create(ProvidersFile.Load(path), environment);

    /// <summary>Sets up the routes of checked providers; they must map <c>default</c>.</summary>
    /// <param name="providers">The providers and routes.</param>
    /// <param name="environment">Reads an environment variable (the API keys); the process environment when null.</param>
    /// <param name="http">The HTTP client every call goes through (its owner disposes it); a new one when null.</param>
    /// <param name="time">The clock of time limits, backoff and the circuit breaker; tests pass a fake one.</param>
    /// <exception cref="ProvidersFileException">No route maps <c>default</c>, or an API key's variable is not set.</exception>
    public static ProviderRouter Create(ProvidersFile providers, Func<string, string?>? environment = null, HttpClient? http = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        providers.RequireDefault();
        environment ??= Environment.GetEnvironmentVariable;
        time ??= TimeProvider.System;
        var used = providers.Models.Values.Select(r => providers.Providers[r.Provider]).Distinct().ToList();
        var keys = used.ToDictionary(p => p.Name, p => p.ApiKeyEnv is { } variable ? environment(variable) : null, StringComparer.Ordinal);
        var missing = used
            .Where(p => p.ApiKeyEnv is not null && string.IsNullOrEmpty(keys[p.Name]))
            .Select(p => new Diagnostic(p.Location, $"provider '{p.Name}' reads its API key from the environment variable {p.ApiKeyEnv}, which is not set"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new ProvidersFileException(missing);
        }

        // The SDK's own time-out is off (the guard's limit is per attempt), so the HTTP client must not impose one either.
        var ownedHttp = http is null ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan } : null;
        var pipelines = new ResiliencePipelineRegistry<string>();
        var clients = used.ToDictionary(
            p => p.Name,
            p => (IChatClient)new CallGuardChatClient(new OpenAIProviderChatClient(p, keys[p.Name], http ?? ownedHttp!), p.Name, p.Resilience.Timeout, time),
            StringComparer.Ordinal);
        var routes = providers.Models.Values.ToDictionary(
            r => r.Name,
            r =>
            {
                var provider = providers.Providers[r.Provider];
                return new ModelRoute(clients[provider.Name], r.Model)
                {
                    MaxConcurrency = provider.MaxConcurrency,
                    FunctionCalling = r.FunctionCalling ?? provider.FunctionCalling,
                    StructuredOutput = r.StructuredOutput ?? provider.StructuredOutput,
                    Resilience = pipelines.GetOrAddPipeline(provider.Name, (builder, _) =>
                    {
                        builder.TimeProvider = time;
                        ProviderResilience.Configure(builder, provider.Resilience);
                    }),
                    Fallback = r.Fallback,
                };
            },
            StringComparer.Ordinal);
        return new ProviderRouter(new ModelRouter(routes), ownedHttp, [.. clients.Values], pipelines);
    }

    /// <summary>Closes the connections and the pipelines.</summary>
    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _pipelines.Dispose();
        _ownedHttp?.Dispose();
    }
}
