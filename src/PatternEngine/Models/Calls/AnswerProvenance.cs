using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Calls;

/// <summary>
/// Where an answer and its figures came from, as the middleware and providers inside the measurement say on the
/// answer: a cassette or cache that served it (with the latency it was recorded with, since a lookup's own time
/// measures nothing), a client that counted its tokens itself. The measurement reads it with <see cref="Of(ChatResponse)"/>;
/// an answer that says nothing is a live answer with the provider's usage, timed by the measurement.
/// </summary>
/// <example><code>
/// // A cache of your own, answering without the model: the call is recorded as cached, with the recorded latency.
/// AnswerProvenance.Update(cached, p => p with { Source = CallSource.Cache, RecordedLatencyMs = 420 });
/// </code></example>
public sealed record AnswerProvenance
{
    // One entry in the answer's additional properties holds the whole record; it is read and written only here.
    private const string Key = "pattern_engine.provenance";

    /// <summary>Where the answer came from: <see cref="CallSource.Live"/> (the default), <see cref="CallSource.Cache"/> or <see cref="CallSource.Replay"/>.</summary>
    public string Source { get; init; } = CallSource.Live;

    /// <summary>The call's latency in milliseconds as it was recorded, reported instead of the measurement's own timing; null to be timed.</summary>
    public double? RecordedLatencyMs { get; init; }

    /// <summary>The time to first token in milliseconds as it was recorded, for a streamed call; null to be timed.</summary>
    public double? RecordedTimeToFirstTokenMs { get; init; }

    /// <summary>Who counted the answer's usage (<see cref="Calls.UsageSource"/>); null: the provider, when there is usage.</summary>
    public string? UsageSource { get; init; }

    /// <summary>
    /// Whether the answer came through a provider's batch API: it is costed at the catalog's batch price where the
    /// catalog has one, and its latency is the batch's turnaround, no measure of the model.
    /// </summary>
    public bool Batched { get; init; }

    /// <summary>What <paramref name="response"/> says of itself; null when it says nothing.</summary>
    public static AnswerProvenance? Of(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Read(response.AdditionalProperties);
    }

    /// <summary>What a piece of a streamed answer says of the answer; null when it says nothing.</summary>
    public static AnswerProvenance? Of(ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Read(update.AdditionalProperties);
    }

    /// <summary>Says <paramref name="provenance"/> on <paramref name="response"/>, replacing what it said.</summary>
    public static void Set(ChatResponse response, AnswerProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(provenance);
        (response.AdditionalProperties ??= [])[Key] = provenance;
    }

    /// <summary>Says <paramref name="provenance"/> on a piece of a streamed answer; the pieces' provenances add up (see <see cref="Then"/>).</summary>
    public static void Set(ChatResponseUpdate update, AnswerProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(provenance);
        (update.AdditionalProperties ??= [])[Key] = provenance;
    }

    /// <summary>Changes what <paramref name="response"/> says of itself, starting from a live answer when it says nothing.</summary>
    public static void Update(ChatResponse response, Func<AnswerProvenance, AnswerProvenance> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Set(response, change(Of(response) ?? new AnswerProvenance()));
    }

    /// <summary>
    /// This provenance with what <paramref name="later"/> says over it: a source other than live, and every figure it
    /// gives (how the pieces of one streamed answer add up).
    /// </summary>
    public AnswerProvenance Then(AnswerProvenance later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return new AnswerProvenance
        {
            Source = later.Source != CallSource.Live ? later.Source : Source,
            RecordedLatencyMs = later.RecordedLatencyMs ?? RecordedLatencyMs,
            RecordedTimeToFirstTokenMs = later.RecordedTimeToFirstTokenMs ?? RecordedTimeToFirstTokenMs,
            UsageSource = later.UsageSource ?? UsageSource,
            Batched = later.Batched || Batched,
        };
    }

    // Most answers carry no additional properties: they are not looked into.
    private static AnswerProvenance? Read(AdditionalPropertiesDictionary? properties) =>
        properties is { Count: > 0 } && properties.TryGetValue(Key, out var value) ? value as AnswerProvenance : null;

    /// <summary>Whether <paramref name="key"/> is the entry this record is kept under (so that gathering pieces can merge it).</summary>
    internal static bool IsKey(string key) => key == Key;
}
