using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace PatternEngine.Models.Resilience;

/// <summary>
/// Builds the Polly pipeline a route's calls go through (<see cref="Routing.ModelRoute.Resilience"/>), whatever its
/// client: retries of transient faults (<see cref="ProviderCallException"/>s the route's call guard makes of what the
/// <see cref="ModelFaultClassifier"/> reads) with exponential backoff and jitter (a <c>Retry-After</c> the provider
/// sends wins), inside them a circuit breaker. The time limit of each attempt is not here but in the call guard,
/// inside the measurement, so that a time-out is recorded as one.
/// </summary>
public static class ProviderResilience
{
    /// <summary>Creates the pipeline; give each endpoint one, shared by all its routes (they then share its circuit breaker).</summary>
    public static ResiliencePipeline Create(ResilienceSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        Configure(builder, settings);
        return builder.Build();
    }

    internal static void Configure(ResiliencePipelineBuilder builder, ResilienceSettings settings)
    {
        var transient = new PredicateBuilder().Handle<ProviderCallException>(e => e.Transient);
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ProviderCallException { RetryAfter: { } wait } ? (TimeSpan?)Min(wait, settings.MaxDelay) : null),
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = transient,
            FailureRatio = settings.BreakerFailureRatio,
            MinimumThroughput = settings.BreakerMinimumThroughput,
            SamplingDuration = settings.SamplingDuration,
            BreakDuration = settings.BreakDuration,
        });
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
