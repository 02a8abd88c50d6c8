using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Measurement;
using PatternEngine.Models.Routing;

namespace PatternEngine.Models.Recording;

/// <summary>
/// Answers calls from a <see cref="Cassette"/> and records live calls into it, as its <see cref="CassetteMode"/> says.
/// Served answers are marked (<see cref="CallSource"/>) with the usage, latency and time to first token they were
/// recorded with, so the measurement outside reports those rather than the lookup's time. It sits inside the
/// measurement and outside the token counting, so what it records already has its usage.
/// </summary>
internal sealed class CassetteChatClient(IChatClient inner, Cassette cassette, CassetteMode mode, TimeProvider time) : DelegatingChatClient(inner)
{
    private string ServedAs => mode == CassetteMode.Replay ? CallSource.Replay : CallSource.Cache;

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
        var started = time.GetTimestamp();
        var response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        var latency = time.GetElapsedTime(started).TotalMilliseconds;
        cassette.Append(CassetteEntry.Of(request, stage, response, latency, null));
        (response.AdditionalProperties ??= [])[CallSource.LatencyKey] = latency; // so the record and its replay agree
        return response;
    }

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
        var started = time.GetTimestamp();
        TimeSpan? firstToken = null;
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
        {
            if (firstToken is null && StreamedResponse.HasAnswer(update))
            {
                firstToken = time.GetElapsedTime(started);
            }

            updates.Add(update);
            yield return update;
        }

        // Only a stream read to its end is a whole answer worth recording.
        var latency = time.GetElapsedTime(started).TotalMilliseconds;
        cassette.Append(CassetteEntry.Of(request, stage, StreamedResponse.Gather(updates), latency, firstToken?.TotalMilliseconds));

        // The figures just recorded, so the record and its replay agree.
        var timing = new AdditionalPropertiesDictionary { [CallSource.LatencyKey] = latency };
        if (firstToken is { } first)
        {
            timing[CallSource.TimeToFirstTokenKey] = first.TotalMilliseconds;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, []) { AdditionalProperties = timing };
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
