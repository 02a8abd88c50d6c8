namespace PatternEngine.Models.Resilience;

/// <summary>A model call's failure as a <see cref="ModelFaultClassifier"/> reads it: what went wrong and why, in one line.</summary>
/// <param name="Kind">What went wrong; every kind but <see cref="ProviderFailure.Rejected"/> is worth another try.</param>
/// <param name="Reason">Why, in a line fit for a record and a log (never with a key or a header).</param>
public sealed record ModelFault(ProviderFailure Kind, string Reason)
{
    /// <summary>How long the provider asked the caller to wait (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether trying again may succeed: retries take only these.</summary>
    public bool Transient => Kind is not ProviderFailure.Rejected;
}
