using Microsoft.Extensions.AI;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// What middleware inside the measurement says about a call, in the response's additional properties or the
/// failure's <see cref="Exception.Data"/>: the cassette names the source and keeps the recorded figures (a lookup's
/// own time measures nothing), retries name the attempt, fallbacks the route they stood in for, and the token
/// counter where its counts came from. Null where nothing was said.
/// </summary>
internal readonly record struct CallNotes(
    string? Source, double? LatencyMs, double? FirstTokenMs, string? UsageSource, int Attempt, string? FallbackFrom)
{
    /// <summary>A call nobody annotated: a live answer at its first try.</summary>
    public static CallNotes None { get; } = new(null, null, null, null, 1, null);

    public static CallNotes Read(AdditionalPropertiesDictionary? properties, Exception? error) => new(
        Note(properties, error, CallSource.PropertyKey) as string,
        properties?.TryGetValue(CallSource.LatencyKey, out var latency) == true && latency is double ms ? ms : null,
        properties?.TryGetValue(CallSource.TimeToFirstTokenKey, out var first) == true && first is double firstMs ? firstMs : null,
        Note(properties, null, Measurement.UsageSource.PropertyKey)?.ToString(),
        CallAttempt.Parse(Note(properties, error, CallAttempt.PropertyKey)),
        Note(properties, error, ResilienceProperties.FallbackFromKey) as string);

    private static object? Note(AdditionalPropertiesDictionary? properties, Exception? error, string key) =>
        properties?.TryGetValue(key, out var value) == true ? value : error?.Data[key];
}
