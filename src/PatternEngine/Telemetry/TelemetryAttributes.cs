namespace PatternEngine.Telemetry;

/// <summary>
/// The engine's own attributes on spans and metrics, all under the <c>pattern_engine.</c> prefix, beside the
/// OpenTelemetry GenAI attributes (<c>gen_ai.*</c>) a model call's span and metrics carry. Prompt and answer text
/// appear only when asked for (<c>CaptureMessageContent</c>); API keys and headers never.
/// </summary>
public static class TelemetryAttributes
{
    /// <summary>
    /// The pattern's name. On a run's span, the pattern that run runs (an included pattern's run names its own); on
    /// call spans and every metric, the pattern of the run that was started, whose calls they are.
    /// </summary>
    public const string Pattern = "pattern_engine.pattern";

    /// <summary>The pattern's version, on run spans.</summary>
    public const string PatternVersion = "pattern_engine.pattern.version";

    /// <summary>The run's seed, on run spans.</summary>
    public const string RunSeed = "pattern_engine.run.seed";

    /// <summary>How the run ended (<c>finished</c> or <c>failed</c>), on run spans and the run metrics.</summary>
    public const string RunStatus = "pattern_engine.run.status";

    /// <summary>True on the span of an included pattern's run (a <c>pattern</c> stage, or a body that runs a pattern).</summary>
    public const string RunNested = "pattern_engine.run.nested";

    /// <summary>The model calls a run or stage made (nested ones included), on run and stage spans.</summary>
    public const string Calls = "pattern_engine.calls";

    /// <summary>The calls a cache or cassette answered, on run spans.</summary>
    public const string CachedCalls = "pattern_engine.cached_calls";

    /// <summary>Input tokens of a run's or stage's calls, on run and stage spans.</summary>
    public const string InputTokens = "pattern_engine.input_tokens";

    /// <summary>Output tokens of a run's or stage's calls, on run and stage spans.</summary>
    public const string OutputTokens = "pattern_engine.output_tokens";

    /// <summary>
    /// The cost in US dollars: of a run's priced calls on its span, of one call on its span (only when its model has
    /// a price).
    /// </summary>
    public const string CostUsd = "pattern_engine.cost_usd";

    /// <summary>The calls of a run whose model has no price (their cost is unknown, never $0), on run spans.</summary>
    public const string UnpricedCalls = "pattern_engine.unpriced_calls";

    /// <summary>The stage's qualified id (<c>samples[2].reasoning</c> inside an included pattern), on stage and call spans.</summary>
    public const string Stage = "pattern_engine.stage";

    /// <summary>The stage's kind (<c>prompt</c>, <c>fan_out</c>, ...), on stage spans.</summary>
    public const string StageKind = "pattern_engine.stage.kind";

    /// <summary>Whether the stage's <c>when</c> skipped it, on stage spans.</summary>
    public const string StageSkipped = "pattern_engine.stage.skipped";

    /// <summary>How many issues the stage recorded (answers that did not parse, ...), on stage spans.</summary>
    public const string StageIssues = "pattern_engine.stage.issues";

    /// <summary>The logical model name the stage asked for (<c>default</c>, <c>judge</c>), on call spans.</summary>
    public const string CallRoute = "pattern_engine.call.route";

    /// <summary>Which try of the call this is, 1 for the first, on call spans.</summary>
    public const string CallAttempt = "pattern_engine.call.attempt";

    /// <summary>Where the answer came from: <c>live</c>, <c>cache</c> or <c>replay</c>, on call spans and every call metric.</summary>
    public const string CallSource = "pattern_engine.call.source";

    /// <summary>True when a cache or a replayed cassette answered (no model was asked), on call spans.</summary>
    public const string CallCached = "pattern_engine.call.cached";

    /// <summary>The logical model name whose failure made this call a fallback, on call spans.</summary>
    public const string CallFallbackFrom = "pattern_engine.call.fallback_from";

    /// <summary>Who counted the tokens: <c>provider</c>, <c>tokenizer</c>, <c>tiktoken</c> or <c>none</c>, on call spans.</summary>
    public const string CallUsageSource = "pattern_engine.call.usage_source";

    /// <summary>
    /// The call's latency in milliseconds as its record keeps it, on call spans: a cached or replayed call keeps the
    /// recorded figure, while the span lasts as long as the lookup did.
    /// </summary>
    public const string CallLatencyMs = "pattern_engine.call.latency_ms";

    /// <summary>Whether the call's model has a price, on the <c>pattern_engine.calls</c> metric.</summary>
    public const string CallPriced = "pattern_engine.call.priced";
}
