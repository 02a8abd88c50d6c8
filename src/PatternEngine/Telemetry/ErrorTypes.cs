using Polly.CircuitBreaker;
using PatternEngine.Execution;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Telemetry;

/// <summary>
/// The <c>error.type</c> of a failure: a short, low-cardinality name. A provider's failure is its kind
/// (<c>rate_limited</c>, <c>server_error</c>, <c>timeout</c>, <c>network</c>, <c>malformed_response</c>,
/// <c>empty_response</c>, <c>rejected</c>); otherwise <c>circuit_open</c>, <c>cassette_miss</c>, <c>cancelled</c>,
/// or the exception's full type name.
/// </summary>
internal static class ErrorTypes
{
    /// <summary>An attempt recorded without an exception to name (an attempt the open circuit refused).</summary>
    public const string Other = "_OTHER";

    public static string Of(Exception error) => error switch
    {
        ProviderCallException provider => Of(provider.Failure),
        BrokenCircuitException => "circuit_open",
        CassetteMissException => "cassette_miss",
        OperationCanceledException => "cancelled",
        ModelCallException { InnerException: { } inner } => Of(inner),
        PatternRunException { InnerException: { } inner } => Of(inner),
        _ => error.GetType().FullName ?? error.GetType().Name,
    };

    private static string Of(ProviderFailure failure) => failure switch
    {
        ProviderFailure.RateLimited => "rate_limited",
        ProviderFailure.ServerError => "server_error",
        ProviderFailure.Timeout => "timeout",
        ProviderFailure.Network => "network",
        ProviderFailure.MalformedResponse => "malformed_response",
        ProviderFailure.EmptyResponse => "empty_response",
        ProviderFailure.Rejected => "rejected",
        _ => Other,
    };
}
