using Microsoft.Extensions.AI;
using Polly;

namespace PatternEngine.Models.Routing;

/// <summary>
/// Where a logical model name goes: a chat client, and the model id to ask it for (null: its own default), with how
/// calls to it are limited, retried and fallen back from. Give routes to <c>PatternEngineBuilder.AddRoute</c>.
/// </summary>
/// <param name="Client">The client that serves the route; any <see cref="IChatClient"/>.</param>
/// <param name="ModelId">The provider's model id, or null to let the client choose.</param>
public sealed record ModelRoute(IChatClient Client, string? ModelId = null)
{
    /// <summary>The most calls that may be in flight to this route's client at once; null for no limit.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>
    /// Whether the route's model calls functions natively (OpenAI-style tools). Prompts with tools then use it;
    /// otherwise they use the engine's plain-text call protocol, which any model can follow.
    /// </summary>
    public bool FunctionCalling { get; init; }

    /// <summary>
    /// Whether the route's model honours a JSON Schema <c>response_format</c>. Prompts with an output schema then send
    /// it; the answer is checked against the schema on our side all the same.
    /// </summary>
    public bool StructuredOutput { get; init; }

    /// <summary>
    /// The retries (and circuit breaker) every call to the route goes through; routes to one endpoint share one, so
    /// that they share its breaker. Null: one attempt, no retry. <see cref="Resilience.ProviderResilience.Create"/>
    /// makes one that retries the transient faults the route's call guard reads from any client (see
    /// <see cref="Resilience.ModelFaultClassifier"/>).
    /// </summary>
    public ResiliencePipeline? Resilience { get; init; }

    /// <summary>Another route's logical name, called (and recorded as a fallback) when this one still fails after its retries.</summary>
    public string? Fallback { get; init; }

    /// <summary>
    /// The longest one attempt may take (not counting the wait for a concurrency slot); past it the attempt fails as a
    /// time-out, which is retried. Null: no limit of the engine's own.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Whether the route's failures are read as faults (a call guard): it retries, falls back or has a time limit.</summary>
    internal bool IsGuarded => Resilience is not null || Fallback is not null || AttemptTimeout is not null;
}
