namespace PatternEngine.Models.Resilience;

/// <summary>
/// How calls to one endpoint survive its failures: a time limit per attempt, retries with exponential backoff and
/// jitter (a server's <c>Retry-After</c> wins when it gives one), and a circuit breaker that stops calling an
/// endpoint that keeps failing. The defaults suit a hosted API; tests shorten them.
/// </summary>
public sealed record ResilienceSettings
{
    /// <summary>The longest one attempt may take before it counts as failed (and is retried).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Tries per call, the first included; 1 means no retry.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The delay before the first retry; it doubles with each further one, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts, also for a server's <c>Retry-After</c>.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The share of failed attempts, within <see cref="SamplingDuration"/>, that opens the circuit.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>The fewest attempts in a sampling window before the breaker judges the endpoint.</summary>
    public int BreakerMinimumThroughput { get; init; } = 10;

    /// <summary>The window the failure ratio is measured over.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before it lets one through to test the endpoint.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}
