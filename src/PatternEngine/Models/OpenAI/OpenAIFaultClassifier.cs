using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// Reads the OpenAI SDK's failures (<see cref="ClientResultException"/>): the HTTP status, the wait a 429 asks for
/// (<c>retry-after-ms</c>, else <c>Retry-After</c> in seconds or as a date) and the provider's own words from the error
/// body; anything else goes to the classifier it was given.
/// </summary>
/// <param name="others">Reads every other failure; <see cref="ModelFaultClassifier.Default"/> when null.</param>
/// <param name="time">The clock a <c>Retry-After</c> date is read against.</param>
public sealed class OpenAIFaultClassifier(ModelFaultClassifier? others = null, TimeProvider? time = null) : ModelFaultClassifier
{
    private readonly ModelFaultClassifier _others = others ?? Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public override ModelFault? Classify(Exception failure, string provider) => failure is ClientResultException http
        ? FromStatus(http.Status, provider, ErrorMessage(http), http.Status == 429 ? RetryAfter(http) : null)
        : _others.Classify(failure, provider);

    /// <inheritdoc />
    public override ModelFault? Classify(Microsoft.Extensions.AI.ChatResponse response, string provider) => _others.Classify(response, provider);

    // Retry-After is seconds or an HTTP date; OpenAI also sends retry-after-ms, which is more precise.
    private TimeSpan? RetryAfter(ClientResultException error)
    {
        var headers = error.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (!headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? TimeSpan.FromTicks(Math.Max(0, (when - _time.GetUtcNow()).Ticks))
            : null;
    }

    // The provider's own words (OpenAI's error.message) say more than the SDK's "HTTP 500 (type: code)".
    private static string ErrorMessage(ClientResultException error)
    {
        try
        {
            using var body = JsonDocument.Parse(error.GetRawResponse()?.Content ?? BinaryData.Empty);
            if (body.RootElement.TryGetProperty("error", out var detail) && detail.ValueKind == JsonValueKind.Object
                && detail.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
            {
                return FirstLine(text);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a message that is no text (a lone surrogate escape): the SDK's own line will do.
        }

        return FirstLine(error.Message);
    }
}
