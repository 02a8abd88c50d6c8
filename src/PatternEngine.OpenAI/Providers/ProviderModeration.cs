using PatternEngine.Guards;
using PatternEngine.Models.OpenAI;

namespace PatternEngine.Models.Providers;

/// <summary>
/// Guards' moderation through the provider that serves a providers file's <c>default</c> route: its endpoint's
/// <c>/moderations</c>, with its API key (read from the environment on the first check, so a file whose guards never
/// moderate needs no key for it).
/// </summary>
internal sealed class ProviderModeration(ProviderSettings provider, Func<string, string?> environment, HttpClient? http) : IModerationClient
{
    // One client for the process when the caller gives none: HttpClient is made to be shared.
    private static readonly Lazy<HttpClient> Shared = new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });

    private readonly Lazy<OpenAIModerationClient> _client = new(() =>
        new OpenAIModerationClient(provider.Endpoint, provider.ApiKeyEnv is { } variable ? environment(variable) : null, http ?? Shared.Value));

    public Task<ModerationResult> ModerateAsync(string text, string? model, CancellationToken cancellationToken) =>
        _client.Value.ModerateAsync(text, model, cancellationToken);
}
