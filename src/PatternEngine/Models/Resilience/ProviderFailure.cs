namespace PatternEngine.Models.Resilience;

/// <summary>What went wrong with one call to a provider.</summary>
public enum ProviderFailure
{
    /// <summary>HTTP 429: the provider asks for fewer calls (retried, after its <c>Retry-After</c> when it gives one).</summary>
    RateLimited,

    /// <summary>HTTP 5xx, 408 or 409: the provider failed (retried).</summary>
    ServerError,

    /// <summary>No answer within the per-call time limit (retried).</summary>
    Timeout,

    /// <summary>The connection failed (retried).</summary>
    Network,

    /// <summary>The body is not the chat-completions JSON (retried).</summary>
    MalformedResponse,

    /// <summary>The answer has no choices, or an empty message (retried).</summary>
    EmptyResponse,

    /// <summary>The provider refused the request (another 4xx: a bad key, an unknown model); retrying cannot help.</summary>
    Rejected,
}
