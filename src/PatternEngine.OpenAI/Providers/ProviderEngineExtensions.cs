using Microsoft.Extensions.AI;
using Polly.Registry;
using PatternEngine.Definitions;
using PatternEngine.Models.OpenAI;
using PatternEngine.Models.Resilience;
using PatternEngine.Models.Routing;

namespace PatternEngine.Models.Providers;

/// <summary>Adds the routes of a providers file to an engine: OpenAI-compatible endpoints.</summary>
public static class ProviderEngineExtensions
{
    /// <summary>
    /// Sends each logical model name the providers file maps to its OpenAI-compatible endpoint, through that endpoint's
    /// time limit, retries, circuit breaker (one per endpoint, shared by its routes) and concurrency limit; a route's
    /// <c>fallback</c> is called once its retries fail. The HTTP client and the endpoints' clients are made when the
    /// engine is built (API keys read then) and disposed with it. Guards' <c>moderation</c> checks go to the
    /// <c>/moderations</c> endpoint of the provider serving <c>default</c> (a later <c>UseModeration</c> replaces it).
    /// </summary>
    /// <param name="builder">The engine's builder.</param>
    /// <param name="providers">The providers and routes; they must map <c>default</c>.</param>
    /// <param name="environment">Reads an environment variable (the API keys); the process environment when null.</param>
    /// <param name="http">The HTTP client every call goes through (its owner disposes it); a new one when null.</param>
    /// <exception cref="ProvidersFileException">No route maps <c>default</c>; when the engine is built, an API key's variable is not set.</exception>
    /// <example><code>
    /// using var engine = new PatternEngineBuilder().AddProviders(ProvidersFile.Load("providers.yaml")).Build();
    /// </code></example>
    public static PatternEngineBuilder AddProviders(this PatternEngineBuilder builder, ProvidersFile providers, Func<string, string?>? environment = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(providers);
        providers.RequireDefault();
        environment ??= Environment.GetEnvironmentVariable;
        var moderator = providers.Providers[providers.Models[ModelRouter.DefaultRoute].Provider];
        return builder
            .UseModeration(new ProviderModeration(moderator, environment, http))
            .AddRoutes(context => Routes(providers, environment, http, context));
    }

    /// <summary>
    /// Like <see cref="AddProviders"/>, but every chat call goes through the provider's Batch API (<c>/files</c>,
    /// <c>/batches</c>): calls that arrive together are gathered into waves, one batch per wave and model, polled until
    /// done, and each call answered with its own line of the output (see <see cref="OpenAIBatchOptions"/>). Answers are
    /// costed at the catalog's batch prices where it has them; their latency is the batch's turnaround, so a bench
    /// that uses this reports latency as not measured (<c>BenchOptions.Batched</c>). A line that failed or expired
    /// fails its call with a classified <see cref="ProviderCallException"/>. Streaming is refused. Each call's time
    /// limit is its batch's <see cref="OpenAIBatchOptions.Timeout"/>, not the provider's per-call one (a batch may take
    /// hours), so the per-call guard runs without one.
    /// </summary>
    /// <param name="builder">The engine's builder.</param>
    /// <param name="providers">The providers and routes; they must map <c>default</c>.</param>
    /// <param name="batch">Wave size, quiet interval, polling interval and time-out; the defaults when null.</param>
    /// <param name="environment">Reads an environment variable (the API keys); the process environment when null.</param>
    /// <param name="http">The HTTP client the batch API's requests go through (its owner disposes it); a new one when null.</param>
    /// <exception cref="ProvidersFileException">No route maps <c>default</c>; when the engine is built, an API key's variable is not set.</exception>
    public static PatternEngineBuilder AddBatchProviders(this PatternEngineBuilder builder, ProvidersFile providers, OpenAIBatchOptions? batch = null, Func<string, string?>? environment = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(providers);
        providers.RequireDefault();
        batch ??= new OpenAIBatchOptions();
        batch.Validate();
        environment ??= Environment.GetEnvironmentVariable;
        var moderator = providers.Providers[providers.Models[ModelRouter.DefaultRoute].Provider];
        return builder
            .UseModeration(new ProviderModeration(moderator, environment, http))
            .AddRoutes(context => Routes(providers, environment, http, context, batch));
    }

    private static Dictionary<string, ModelRoute> Routes(ProvidersFile providers, Func<string, string?> environment, HttpClient? http, PatternEngineBuildContext context, OpenAIBatchOptions? batch = null)
    {
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

        // The SDK's own time-out is off (the guard's limit is per attempt), so the HTTP client must not impose one either;
        // an answer's size is bounded here.
        var client = http ?? context.Own(new HttpClient(new BoundedResponseHandler(new SocketsHttpHandler(), InputLimits.MaxProviderResponseBytes))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        });
        var pipelines = context.Own(new ResiliencePipelineRegistry<string>());
        var faults = new OpenAIFaultClassifier(context.FaultClassifier, context.TimeProvider);
        var clients = used.ToDictionary(
            p => p.Name,
            p => batch is null
                ? (IChatClient)new CallGuardChatClient(
                    context.Own(new OpenAIProviderChatClient(p, keys[p.Name], client)), p.Name, faults, p.Resilience.Timeout, context.TimeProvider)
                : new CallGuardChatClient(Batched(p, keys[p.Name], client, batch, context), p.Name, faults, timeout: null, context.TimeProvider),
            StringComparer.Ordinal);
        return providers.Models.Values.ToDictionary(
            r => r.Name,
            r =>
            {
                var provider = providers.Providers[r.Provider];
                return new ModelRoute(clients[provider.Name], r.Model)
                {
                    MaxConcurrency = provider.MaxConcurrency,
                    FunctionCalling = r.FunctionCalling ?? provider.FunctionCalling,
                    StructuredOutput = r.StructuredOutput ?? provider.StructuredOutput,
                    Resilience = pipelines.GetOrAddPipeline(provider.Name, (pipeline, _) =>
                    {
                        pipeline.TimeProvider = context.TimeProvider;
                        ProviderResilience.Configure(pipeline, provider.Resilience);
                    }),
                    Fallback = r.Fallback,
                };
            },
            StringComparer.Ordinal);
    }

    // The provider's OpenAI client over a handler that turns its chat requests into batch lines; the shared HTTP client sends the batch API's requests.
    private static BatchedChatClient Batched(ProviderSettings provider, string? key, HttpClient http, OpenAIBatchOptions batch, PatternEngineBuildContext context)
    {
        var batching = context.Own(new HttpClient(new BatchingHandler(http, provider.Endpoint, provider.Name, batch, context.TimeProvider)) { Timeout = Timeout.InfiniteTimeSpan });
        return new BatchedChatClient(context.Own(new OpenAIProviderChatClient(provider, key, batching)), provider.Name);
    }
}
