namespace PatternEngine.Definitions;

/// <summary>
/// How a fan-out stops sampling before its count once the answers are settled. Every strategy also stops once the
/// plurality is decided (no further sample could change the vote). Samples are drawn in waves: <see cref="Wave"/>
/// samples at a time when set, else the fewest that could let the rule stop, but no more than the body's route lets
/// through at once (its <c>max_concurrency</c>).
/// </summary>
public sealed record StopRule
{
    /// <summary>The default window of <see cref="StopStrategy.Window"/>.</summary>
    public const int DefaultWindow = 4;

    /// <summary>The default threshold of <see cref="StopStrategy.Posterior"/>.</summary>
    public const double DefaultThreshold = 0.95;

    /// <summary>Today's <c>early_stop: true</c>: the decided plurality.</summary>
    public static StopRule DecidedPlurality { get; } = new() { Strategy = StopStrategy.Plurality };

    /// <summary>The rule.</summary>
    public required StopStrategy Strategy { get; init; }

    /// <summary>How many consecutive agreeing samples stop a <see cref="StopStrategy.Window"/> rule (2 to the count).</summary>
    public int Window { get; init; } = DefaultWindow;

    /// <summary>The posterior chance (above 0.5, below 1) that stops a <see cref="StopStrategy.Posterior"/> rule.</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>
    /// Samples per wave (more fill idle concurrency and cut round trips at the price of samples the rule might not
    /// have needed); null for the fewest that could let the rule stop, within the route's concurrency.
    /// </summary>
    public int? Wave { get; init; }
}
