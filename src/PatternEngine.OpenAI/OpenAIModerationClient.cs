using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatternEngine.Guards;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// OpenAI's moderation endpoint (<c>POST {endpoint}/moderations</c>, any server that speaks it) for guards'
/// <c>moderation</c> checks. A failure (an HTTP error, a body that is not the endpoint's answer, one too large) throws
/// <see cref="HttpRequestException"/> or <see cref="JsonException"/>, and the guard fails open or closed as its file says.
/// </summary>
public sealed class OpenAIModerationClient : IModerationClient
{
    private const int MaxAnswerBytes = 1 << 20;

    private readonly Uri _moderations;
    private readonly string? _apiKey;
    private readonly HttpClient _http;

    /// <summary>Asks the endpoint at <paramref name="endpoint"/> (a base URL ending in <c>/v1</c>).</summary>
    /// <param name="endpoint">The provider's base URL.</param>
    /// <param name="apiKey">The key, read from the environment by the caller; null for a server that needs none.</param>
    /// <param name="http">The HTTP client the calls go through; its owner disposes it.</param>
    public OpenAIModerationClient(Uri endpoint, string? apiKey, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _moderations = new Uri(endpoint.ToString().TrimEnd('/') + "/moderations");
        _apiKey = apiKey;
        _http = http ?? throw new ArgumentNullException(nameof(http));
    }

    /// <inheritdoc />
    public async Task<ModerationResult> ModerateAsync(string text, string? model, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["input"] = text };
        if (model is not null)
        {
            body["model"] = model;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _moderations) { Content = JsonContent.Create(body) };
        if (!string.IsNullOrEmpty(_apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"'{_moderations.Host}' failed the moderation call (HTTP {(int)response.StatusCode})", null, response.StatusCode);
        }

        if (response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            throw new HttpRequestException($"'{_moderations.Host}' answered the moderation call with more than {MaxAnswerBytes} bytes");
        }

        var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var root = JsonNode.Parse(answer.Length > MaxAnswerBytes ? throw new JsonException("the moderation answer is too large") : answer) as JsonObject;
        if (root?["results"] is not JsonArray { Count: > 0 } results || results[0] is not JsonObject first || first["flagged"] is not JsonValue flagged)
        {
            throw new JsonException("the moderation answer has no results[0].flagged");
        }

        ImmutableArray<string> categories = first["categories"] is JsonObject named
            ? [.. named.Where(c => c.Value is JsonValue v && v.TryGetValue<bool>(out var on) && on).Select(c => c.Key)]
            : [];
        return new ModerationResult { Flagged = flagged.GetValue<bool>(), Categories = categories, Model = root["model"]?.GetValue<string>() };
    }
}
