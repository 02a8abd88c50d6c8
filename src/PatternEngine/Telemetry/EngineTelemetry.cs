using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PatternEngine.Compilation;
using PatternEngine.Execution;
using PatternEngine.Models.Routing;

namespace PatternEngine.Telemetry;

/// <summary>
/// One compiler's telemetry: its logger, whether spans may carry message text, the cassette mode (to tell a cache
/// miss), and what each route's calls are reported as. Spans and instruments are the library's own
/// (<see cref="PatternEngineTelemetry"/>); this decides, per run and per call, whether anyone is listening, so that
/// nothing is built for telemetry when nobody is.
/// </summary>
internal sealed class EngineTelemetry
{
    private readonly ModelRouter _router;
    private readonly ConcurrentDictionary<string, RouteFacts> _routes = new(StringComparer.Ordinal);

    /// <param name="router">The routes, whose models the calls are reported as.</param>
    /// <param name="loggerFactory">Where the engine's log events go.</param>
    /// <param name="capturesMessageContent">Whether call spans carry the prompt and the answer.</param>
    /// <param name="cachesCalls">Whether a cassette answers what it holds and the model the rest.</param>
    public EngineTelemetry(ModelRouter router, ILoggerFactory? loggerFactory, bool capturesMessageContent, bool cachesCalls)
    {
        _router = router;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(EngineLog.Category);
        CapturesMessageContent = capturesMessageContent;
        CachesCalls = cachesCalls;
    }

    public ILogger Logger { get; }

    /// <summary>Whether call spans carry the prompt and the answer (<see cref="PatternEngineBuilder.CaptureMessageContent"/>).</summary>
    public bool CapturesMessageContent { get; }

    /// <summary>Whether a cassette answers what it holds and the model the rest: a live call is then a cache miss.</summary>
    public bool CachesCalls { get; }

    /// <summary>
    /// Whether a call made now is observed: somebody listens to the spans, an instrument, or the call events of the
    /// log; never during a warm-up run, whose calls answer themselves.
    /// </summary>
    public bool ObservesCalls =>
        (PatternEngineTelemetry.Source.HasListeners() || EngineInstruments.CallsObserved || LogsCalls) && !WarmUpChatClient.IsWarmingUp;

    [SuppressMessage("Design", "CA1031", Justification = "Telemetry must never break the call it reports.")]
    private bool LogsCalls
    {
        get
        {
            try
            {
                return Logger.IsEnabled(LogLevel.Warning) || Logger.IsEnabled(LogLevel.Information) || Logger.IsEnabled(LogLevel.Debug);
            }
            catch (Exception)
            {
                return false;
            }
        }
    }

    /// <summary>What a logical model name's calls are reported as (looked up once per name).</summary>
    public RouteFacts Route(string? name) =>
        _routes.GetOrAdd(name ?? ModelRouter.DefaultRoute, static (route, router) => RouteFacts.Of(router, route), _router);

    /// <summary>
    /// The listener a run gives its call scopes: the telemetry of each call when calls are observed, followed by
    /// <paramref name="log"/> (the run log's, or none), whose failure then costs the telemetry nothing. Unchanged when nobody listens, so that a run without telemetry
    /// makes nothing for it.
    /// </summary>
    public Action<CallRecord>? ObserveCalls(string pattern, Action<CallRecord>? log) =>
        ObservesCalls ? new RunCallListener(this, pattern).OnCall + log : log;
}
