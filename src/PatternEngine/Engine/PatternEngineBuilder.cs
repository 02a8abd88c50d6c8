using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using PatternEngine.Library;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Resilience;
using PatternEngine.Models.Routing;
using PatternEngine.Telemetry;

namespace PatternEngine;

/// <summary>
/// Assembles the engine in one place: the routes (logical model names to clients), the catalog calls are costed at,
/// the tools, the clock, streaming, a cassette, and middleware of your own; <see cref="Build"/> checks it all and makes
/// the immutable <see cref="PatternRuntime"/> that compiles and runs patterns. Every model call goes through one
/// pipeline, in this order (the first outermost):
/// <code>
/// every call: function invocation -> resilience -> budget guard -> [streaming] -> telemetry -> measurement -> cassette -> token counting
///             -> [Use: your middleware] -> router
/// per route:  [UseForRoute / UseForEachRoute: your middleware] -> concurrency limit -> call guard -> the route's client
/// </code>
/// Middleware of your own added with <see cref="Use"/> sees every attempt of every call (its stage and attempt from
/// <see cref="Models.Calls.ModelCallContext.Of"/>), inside the measurement and the cassette: what it answers itself is
/// measured, and recorded as live unless it says otherwise (<see cref="Models.Calls.AnswerProvenance"/>). The call
/// guard sits on routes with retries, a fallback or a time limit.
/// </summary>
/// <example><code>
/// using var engine = new PatternEngineBuilder()
///     .UseChatClient(myClient)
///     .AddRoute("judge", new ModelRoute(bigClient, "gpt-4.1") { MaxConcurrency = 4 })
///     .Use(inner => new MyRedactingClient(inner))
///     .Build();
/// var record = await engine.Compile(PatternFile.Load("my-pattern.yaml")).RunAsync(inputs);
/// </code></example>
public sealed class PatternEngineBuilder
{
    private readonly Dictionary<string, ModelRoute> _routes = new(StringComparer.Ordinal);
    private readonly List<Func<PatternEngineBuildContext, IReadOnlyDictionary<string, ModelRoute>>> _routeSources = [];
    private readonly List<Func<IChatClient, IChatClient>> _middleware = [];
    private readonly List<RouteMiddleware> _routeMiddleware = [];
    private readonly List<KernelPlugin> _plugins = [];
    private readonly List<string> _problems = [];
    private ModelCatalog _catalog = ModelCatalog.Empty;
    private TimeProvider _time = TimeProvider.System;
    private PatternLibrary? _library;
    private ModelFaultClassifier _classifier = ModelFaultClassifier.Default;
    private bool _streaming;
    private CassetteSetting? _cassette;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private bool _captureMessageContent;
    private Guards.IModerationClient? _moderation;

    /// <summary>Whether any route, or anything that adds routes, was given.</summary>
    internal bool HasRoutes => _routes.Count > 0 || _routeSources.Count > 0;

    /// <summary>
    /// Sends every call that names no model, or a model no route names, to <paramref name="client"/> (the
    /// <c>default</c> route): alone, one client serves every stage.
    /// </summary>
    /// <param name="client">Any chat client: the embedded model's, a provider's, your own.</param>
    /// <param name="modelId">The model id to ask it for; null lets the client choose.</param>
    public PatternEngineBuilder UseChatClient(IChatClient client, string? modelId = null) =>
        AddRoute(ModelRouter.DefaultRoute, new ModelRoute(client, modelId));

    /// <summary>Sends the calls of stages that name <paramref name="name"/> under <c>model:</c> to <paramref name="client"/>.</summary>
    public PatternEngineBuilder AddRoute(string name, IChatClient client, string? modelId = null) =>
        AddRoute(name, new ModelRoute(client, modelId));

    /// <summary>Sends the calls of stages that name <paramref name="name"/> under <c>model:</c> to <paramref name="route"/>.</summary>
    public PatternEngineBuilder AddRoute(string name, ModelRoute route)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(route);
        if (!_routes.TryAdd(name, route))
        {
            _problems.Add($"route '{name}' is given twice");
        }

        return this;
    }

    /// <summary>
    /// Adds the routes <paramref name="source"/> makes when the engine is built: it sees the catalog, the clock and the
    /// fault classifier, and hands what it creates to the engine to dispose (<see cref="PatternEngineBuildContext.Own"/>).
    /// This is how the embedded model and providers files add their routes.
    /// </summary>
    public PatternEngineBuilder AddRoutes(Func<PatternEngineBuildContext, IReadOnlyDictionary<string, ModelRoute>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _routeSources.Add(source);
        return this;
    }

    /// <summary>
    /// Adds middleware of your own around every call, just outside the router (inside the measurement and the
    /// cassette); the first added is outermost. It must pass <c>GetService</c> on to the client it wraps, as every
    /// <see cref="DelegatingChatClient"/> does, so that the layers outside still find the router.
    /// </summary>
    public PatternEngineBuilder Use(Func<IChatClient, IChatClient> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>
    /// Adds middleware of your own to one route, outside its concurrency limit: it sees only that route's calls, with
    /// their logical model name; the first added is outermost.
    /// </summary>
    public PatternEngineBuilder UseForRoute(string route, Func<IChatClient, IChatClient> middleware)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(middleware);
        _routeMiddleware.Add(new RouteMiddleware(route, (_, inner) => middleware(inner)));
        return this;
    }

    /// <summary>Adds middleware of your own to every route, outside its concurrency limit; it is made once per route, with the route's name.</summary>
    public PatternEngineBuilder UseForEachRoute(Func<string, IChatClient, IChatClient> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _routeMiddleware.Add(new RouteMiddleware(null, middleware));
        return this;
    }

    /// <summary>Streams every call (and gathers each answer), so that records have each call's time to first token.</summary>
    public PatternEngineBuilder UseStreaming(bool streaming = true)
    {
        _streaming = streaming;
        return this;
    }

    /// <summary>Answers and records calls with <paramref name="cassette"/>, as <paramref name="mode"/> says; the caller keeps and disposes it.</summary>
    public PatternEngineBuilder UseCassette(Cassette cassette, CassetteMode mode = CassetteMode.Cache)
    {
        ArgumentNullException.ThrowIfNull(cassette);
        _cassette = new CassetteSetting(cassette, null, mode);
        return this;
    }

    /// <summary>
    /// Answers and records calls with the cassette file <paramref name="path"/>, opened when the engine is built (it must
    /// exist to replay) and disposed with it.
    /// </summary>
    public PatternEngineBuilder UseCassette(string path, CassetteMode mode = CassetteMode.Cache)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _cassette = new CassetteSetting(null, path, mode);
        return this;
    }

    /// <summary>Reads the routes' failures with <paramref name="classifier"/> instead of <see cref="ModelFaultClassifier.Default"/>.</summary>
    public PatternEngineBuilder UseFaultClassifier(ModelFaultClassifier classifier)
    {
        _classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
        return this;
    }

    /// <summary>Costs calls at <paramref name="catalog"/>'s prices (<see cref="ModelCatalog.BuiltIn"/>, or yours over it); none by default.</summary>
    public PatternEngineBuilder WithCatalog(ModelCatalog catalog)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        return this;
    }

    /// <summary>Measures with <paramref name="time"/> (latencies, time limits, backoff); tests pass a fake one.</summary>
    public PatternEngineBuilder WithTimeProvider(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        return this;
    }

    /// <summary>Finds the patterns that patterns include by name (<c>pattern: chain-of-thought</c>) in <paramref name="library"/>.</summary>
    public PatternEngineBuilder WithPatternLibrary(PatternLibrary library)
    {
        _library = library ?? throw new ArgumentNullException(nameof(library));
        return this;
    }

    /// <summary>
    /// Sends the engine's log events (category <c>PatternEngine</c>: runs started and finished with their totals, stage
    /// failures, failed and retried calls, fallbacks, cassette misses) to <paramref name="loggerFactory"/>, and the
    /// embedded model's own log (category <c>LLama.Native</c>) when its options name no logger. None by default.
    /// </summary>
    public PatternEngineBuilder WithLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>
    /// Lets model call spans carry the prompt and the answer (<c>gen_ai.input.messages</c>,
    /// <c>gen_ai.output.messages</c>). Off by default: they may hold what users typed.
    /// </summary>
    public PatternEngineBuilder CaptureMessageContent(bool capture = true)
    {
        _captureMessageContent = capture;
        return this;
    }

    /// <summary>
    /// Answers guards' <c>moderation</c> checks with <paramref name="moderation"/> (for OpenAI's <c>/v1/moderations</c>,
    /// <c>OpenAIModerationClient</c> in <c>PatternEngine.OpenAI</c>). Without one, a moderation check cannot decide, and
    /// its guard fails open or closed as its file says.
    /// </summary>
    public PatternEngineBuilder UseModeration(Guards.IModerationClient moderation)
    {
        _moderation = moderation ?? throw new ArgumentNullException(nameof(moderation));
        return this;
    }

    /// <summary>Adds Semantic Kernel plugins whose functions prompts may name under <c>tools</c>.</summary>
    public PatternEngineBuilder AddPlugins(IEnumerable<KernelPlugin> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        _plugins.AddRange(plugins);
        return this;
    }

    /// <summary>
    /// Checks everything given and builds the engine: opens the cassette, makes the routes of every source, assembles
    /// each route's chain and the pipeline every call goes through. What it opened or created is disposed with the
    /// engine, or at once when building fails.
    /// </summary>
    /// <exception cref="EngineConfigurationException">What was given does not make an engine; every problem is listed.</exception>
    public PatternRuntime Build()
    {
        var owned = new List<IDisposable>();
        try
        {
            var cassette = _cassette?.Open(owned);
            var context = new PatternEngineBuildContext(_catalog, _time, _classifier, _loggerFactory, owned);
            var problems = new List<string>(_problems);
            var routes = new Dictionary<string, ModelRoute>(_routes, StringComparer.Ordinal);
            foreach (var source in _routeSources)
            {
                foreach (var (name, route) in source(context))
                {
                    if (!routes.TryAdd(name, route))
                    {
                        problems.Add($"route '{name}' is given twice");
                    }
                }
            }

            problems.AddRange(RouteChecks.Problems(routes, _routeMiddleware.Select(m => m.Route).OfType<string>()));
            EngineConfigurationException.ThrowIfAny(problems);
            var router = RouteAssembly.Router(routes, _routeMiddleware, _classifier, _time);
            var telemetry = new EngineTelemetry(router, _loggerFactory, _captureMessageContent, cassette?.Mode == CassetteMode.Cache);
            var pipeline = EnginePipeline.Build(router, _middleware, new EnginePipeline.Layers(_streaming, _catalog, _time, cassette, telemetry));
            return new PatternRuntime(pipeline, router, _catalog, _library, [.. _plugins], _time, cassette?.Cassette, telemetry, owned, _moderation);
        }
        catch (Exception building)
        {
            // What was opened is closed; a failure to close it must not hide why building failed.
            try
            {
                PatternRuntime.DisposeAll(owned);
            }
            catch (Exception closing)
            {
                throw new AggregateException(building, closing);
            }

            throw;
        }
    }

    /// <summary>Middleware of one route (<paramref name="Route"/>), or of every route when it is null.</summary>
    internal sealed record RouteMiddleware(string? Route, Func<string, IChatClient, IChatClient> Factory);

    /// <summary>A cassette given, or a file to open as one when the engine is built.</summary>
    internal sealed record CassetteSetting(Cassette? Given, string? Path, CassetteMode Mode)
    {
        public (Cassette Cassette, CassetteMode Mode) Open(List<IDisposable> owned)
        {
            if (Given is not null)
            {
                return (Given, Mode);
            }

            var opened = Mode == CassetteMode.Replay ? Cassette.Load(Path!) : Cassette.OpenOrCreate(Path!);
            owned.Add(opened);
            return (opened, Mode);
        }
    }
}
