using PatternEngine.Definitions;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.Providers;

/// <summary>
/// One OpenAI-compatible endpoint, as a providers file describes it. The API key is never here: only the name of the
/// environment variable that holds it.
/// </summary>
public sealed record ProviderSettings
{
    /// <summary>The provider's name in the file.</summary>
    public required string Name { get; init; }

    /// <summary>The API's base URL (the chat-completions path is added to it), e.g. <c>https://api.openai.com/v1</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The environment variable that holds the API key; null for a server that needs none.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>
    /// Whether the API key may go over plain <c>http</c> to a host that is not this machine (<c>allow_insecure_http</c>);
    /// refused unless set, since anyone on the way could read it.
    /// </summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>The OpenAI organisation the calls are billed to, when the account has several.</summary>
    public string? Organization { get; init; }

    /// <summary>The model id the provider serves when it is chosen without a model.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>The most calls in flight to this endpoint at once; null for no limit.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Whether the endpoint's models call functions natively.</summary>
    public bool FunctionCalling { get; init; } = true;

    /// <summary>Whether the endpoint's models honour a JSON Schema <c>response_format</c>.</summary>
    public bool StructuredOutput { get; init; } = true;

    /// <summary>Time limit, retries and circuit breaker of the calls to this endpoint.</summary>
    public ResilienceSettings Resilience { get; init; } = new();

    /// <summary>Where the provider was written, for messages about it.</summary>
    public SourceLocation Location { get; init; } = new("<providers>", 1, 1);
}
