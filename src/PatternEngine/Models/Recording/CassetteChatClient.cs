using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Calls;
using PatternEngine.Models.Measurement;
using PatternEngine.Models.Routing;

namespace PatternEngine.Models.Recording;

/// <summary>
/// Answers calls from a <see cref="Cassette"/> and records live calls into it, as its <see cref="CassetteMode"/> says.
/// Served answers say so in their <see cref="AnswerProvenance"/>, with the usage, latency and time to first token they
/// were recorded with, so the measurement outside reports those rather than the lookup's time; a recorded answer says
/// the latency it was recorded with, so a record and its replay agree. It sits inside the measurement and outside the
/// token counting, so what it records already has its usage. The request's key names the provider and model its route
/// resolves to, found through the <see cref="ModelRouter"/> inside.
/// </summary>
/// <param name="inner">The rest of the pipeline.</param>
/// <param name="cassette">The cassette; its owner disposes it.</param>
/// <param name="mode">Cache, record or replay.</param>
/// <param name="time">The clock recorded latencies are measured with; the system's when null.</param>
public sealed class CassetteChatClient(IChatClient inner, Cassette cassette, CassetteMode mode, TimeProvider? time = null) : DelegatingChatClient(inner)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private string ServedAs => mode == CassetteMode.Replay ? CallSource.Replay : CallSource.Cache;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var request = CassetteRequest.Of(sent, options, TargetOf(options));
        if (Lookup(request) is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return entry.ToResponse(ServedAs);
        }

        var stage = CallScope.Current?.StageId;
        var started = _time.GetTimestamp();
        var response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        var latency = _time.GetElapsedTime(started).TotalMilliseconds;
        cassette.Append(CassetteEntry.Of(request, stage, response, latency, null));
        AnswerProvenance.Update(response, p => p with { RecordedLatencyMs = latency }); // so the record and its replay agree
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var request = CassetteRequest.Of(sent, options, TargetOf(options));
        if (Lookup(request) is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var served in entry.ToUpdates(ServedAs))
            {
                yield return served;
            }

            yield break;
        }

        var stage = CallScope.Current?.StageId;
        var started = _time.GetTimestamp();
        TimeSpan? firstToken = null;
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
        {
            if (firstToken is null && StreamedResponse.HasAnswer(update))
            {
                firstToken = _time.GetElapsedTime(started);
            }

            updates.Add(update);
            yield return update;
        }

        // Only a stream read to its end is a whole answer worth recording.
        var latency = _time.GetElapsedTime(started).TotalMilliseconds;
        cassette.Append(CassetteEntry.Of(request, stage, StreamedResponse.Gather(updates), latency, firstToken?.TotalMilliseconds));

        // The figures just recorded, so the record and its replay agree.
        var timing = new ChatResponseUpdate(ChatRole.Assistant, []);
        AnswerProvenance.Set(timing, new AnswerProvenance { RecordedLatencyMs = latency, RecordedTimeToFirstTokenMs = firstToken?.TotalMilliseconds });
        yield return timing;
    }

    private CassetteEntry? Lookup(CassetteRequest request)
    {
        if (mode == CassetteMode.Record)
        {
            return null;
        }

        return cassette.Next(request.Key)
            ?? (mode == CassetteMode.Replay ? throw new CassetteMissException(cassette.Path, CallScope.Current?.StageId, request.Key) : null);
    }

    // The model the route resolves to is part of the request: the same prompt to another model is another request.
    private CassetteRequest.Target TargetOf(ChatOptions? options)
    {
        var routeName = options?.ModelId ?? ModelRouter.DefaultRoute;
        var route = this.GetService<ModelRouter>()?.Resolve(routeName);
        var client = route?.Client ?? InnerClient;
        var metadata = client.GetService<ChatClientMetadata>();
        return new CassetteRequest.Target(metadata?.ProviderName, routeName, route?.ModelId ?? metadata?.DefaultModelId ?? options?.ModelId ?? "unknown");
    }
}
