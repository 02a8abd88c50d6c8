using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using PatternEngine.Budgets;
using PatternEngine.Compilation;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Measurement;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Resilience;
using PatternEngine.Models.Routing;
using PatternEngine.Telemetry;

namespace PatternEngine;

/// <summary>
/// The pipeline every model call goes through, written once, outermost first. Semantic Kernel's function invocation
/// is outermost, so that every round of a native tool conversation is a model call of its own to measure; it passes
/// calls without tools straight through. Resilience is outside the measurement, so that every retry and fallback is a
/// measured call of its own. The run budget's guard is just inside the resilience, so
/// that each retry and fallback reserves its own worst case at its own route's price, and a call that does not fit is
/// refused before anything spends, measures or records it (outside the function invocation it would see one call for
/// a whole tool conversation; outside the resilience, one reservation for all its attempts). Telemetry sits just outside the measurement, so that each attempt gets a span with
/// its record's figures. Streaming sits outside the measurement so that it times the first token; the cassette
/// inside it, so that served answers are recorded as such; the token counting inside the cassette, so that recorded
/// answers already carry their usage. A warm-up run's calls stop just inside the measurement (see
/// <see cref="WarmUpChatClient"/>), before anything that spends or records. The user's middleware is innermost, just
/// outside the router: it sees every attempt, and what it answers is measured and recorded.
/// </summary>
internal static class EnginePipeline
{
    /// <summary>The layers the builder's settings turn on.</summary>
    public sealed record Layers(bool Streaming, ModelCatalog Catalog, TimeProvider Time, (Cassette Cassette, CassetteMode Mode)? Cassette, EngineTelemetry Telemetry);

    /// <exception cref="EngineConfigurationException">Middleware made no client, or hides the router from the layers outside it.</exception>
    public static IChatClient Build(ModelRouter router, IReadOnlyList<Func<IChatClient, IChatClient>> middleware, Layers layers)
    {
        IChatClient inner = router;
        for (var i = middleware.Count - 1; i >= 0; i--)
        {
            inner = middleware[i](inner) ?? throw new EngineConfigurationException("middleware given to Use made no client");
        }

        if (!ReferenceEquals(inner.GetService<ModelRouter>(), router))
        {
            throw new EngineConfigurationException(
                $"middleware given to Use ({inner.GetType().Name}) hides the router from the layers outside it: it must pass GetService on to the client it wraps, as every DelegatingChatClient does");
        }

        var builder = new ChatClientBuilder(inner).UseKernelFunctionInvocation().UseResilience().UseBudgetGuard(layers.Catalog);
        if (layers.Streaming)
        {
            builder.UseStreaming();
        }

        builder.UseTelemetry(layers.Telemetry).UseMeasurement(layers.Time, layers.Catalog).Use(next => new WarmUpChatClient(next));
        if (layers.Cassette is var (cassette, mode))
        {
            builder.UseCassette(cassette, mode, layers.Time);
        }

        return builder.UseTokenCounting().Build();
    }
}
