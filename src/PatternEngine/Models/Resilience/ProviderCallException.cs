namespace PatternEngine.Models.Resilience;

/// <summary>
/// One call to a provider failed. The message says why in a line fit for a log (never with the API key);
/// <see cref="Transient"/> failures are retried, the others go straight to the fallback, if any.
/// </summary>
public sealed class ProviderCallException : PatternEngineException
{
    /// <summary>Creates the exception.</summary>
    public ProviderCallException(ProviderFailure failure, string message, Exception? inner = null, TimeSpan? retryAfter = null)
        : base(PatternEngineErrorKind.RunFailed, message, inner)
    {
        Failure = failure;
        RetryAfter = retryAfter;
    }

    /// <summary>What went wrong.</summary>
    public ProviderFailure Failure { get; }

    /// <summary>How long the provider asked us to wait (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The usage the provider reported with the failed answer (billed all the same), when it reported any.</summary>
    public Microsoft.Extensions.AI.UsageDetails? Usage { get; init; }

    /// <summary>Whether trying again may succeed.</summary>
    public bool Transient => Failure is not ProviderFailure.Rejected;
}
