using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PatternEngine.Execution;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// Measures every call that passes through it (tokens, latency, time to first token when streamed, model, source,
/// attempt) and adds the record to the current <see cref="CallScope"/>. An answer a cassette served keeps the figures
/// it was recorded with (<see cref="CallSource"/>). Measurement never breaks the call it measures: a failure to
/// record is swallowed.
/// </summary>
internal sealed class MeasuringChatClient(IChatClient inner, TimeProvider time, ModelCatalog catalog) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var started = time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Record(sent, options, null, new Timing(time.GetElapsedTime(started), null), e);
            throw;
        }

        Record(sent, options, response, new Timing(time.GetElapsedTime(started), null), null);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var started = time.GetTimestamp();
        TimeSpan? firstToken = null;
        var updates = new List<ChatResponseUpdate>();
        var stream = base.GetStreamingResponseAsync(sent, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = stream.ConfigureAwait(false);
        while (true)
        {
            // By hand rather than await foreach, so that a failure mid-stream is recorded too (no yield inside a catch).
            try
            {
                if (!await stream.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (Exception e)
            {
                Record(sent, options, updates.Count == 0 ? null : StreamedResponse.Gather(updates), new Timing(time.GetElapsedTime(started), firstToken), e);
                throw;
            }

            var update = stream.Current;
            if (firstToken is null && StreamedResponse.HasAnswer(update))
            {
                firstToken = time.GetElapsedTime(started);
            }

            updates.Add(update);
            yield return update;
        }

        Record(sent, options, StreamedResponse.Gather(updates), new Timing(time.GetElapsedTime(started), firstToken), null);
    }

    [SuppressMessage("Design", "CA1031", Justification = "Measurement must never break the call it measures.")]
    private void Record(IReadOnlyList<ChatMessage> sent, ChatOptions? options, ChatResponse? response, Timing measured, Exception? error)
    {
        try
        {
            if (CallScope.Current is not { } scope)
            {
                return;
            }

            var properties = response?.AdditionalProperties;
            var source = Property(properties, error, CallSource.PropertyKey) as string ?? CallSource.Live;
            var timing = Reported(properties, measured);
            var usage = response?.Usage;
            var model = response?.ModelId ?? RouteModel(options) ?? "unknown";
            scope.Add(new CallRecord
            {
                Stage = scope.StageId,
                Route = options?.ModelId ?? Routing.ModelRouter.DefaultRoute,
                Model = model,
                InputTokens = usage?.InputTokenCount ?? 0,
                OutputTokens = usage?.OutputTokenCount ?? 0,
                UsageSource = usage is null ? UsageSource.None : Property(properties, null, UsageSource.PropertyKey)?.ToString() ?? UsageSource.Provider,
                CostUsd = catalog.Find(model)?.CostOf(usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0),
                LatencyMs = timing.LatencyMs,
                TimeToFirstTokenMs = timing.FirstTokenMs,
                Source = source,
                Attempt = CallAttempt.Of(properties, error),
                FinishReason = response?.FinishReason?.Value,
                Messages = [.. sent.Select(m => new SentMessage(m.Role.Value, m.Text))],
                Response = response?.Text ?? "",
                Error = error?.Message,
                FallbackFrom = Resilience.ResilienceProperties.FallbackFrom(response, error),
                CachedInputTokens = usage?.CachedInputTokenCount,
                ReasoningTokens = usage?.ReasoningTokenCount,
            });
        }
        catch (Exception)
        {
            // Losing one record is better than failing a call that succeeded.
        }
    }

    // A failed call has no answer to name its model, so it names the model its route resolves to; the options
    // carry the logical name, which is no model.
    private string? RouteModel(ChatOptions? options) =>
        this.GetService<Routing.ModelRouter>()?.Resolve(options?.ModelId) is { } route
            ? route.ModelId ?? route.Client.GetService<ChatClientMetadata>()?.DefaultModelId
            : null;

    private static object? Property(AdditionalPropertiesDictionary? properties, Exception? error, string key) =>
        properties?.TryGetValue(key, out var value) == true ? value : error?.Data[key];

    // A served answer carries the figures of the call that made it (the lookup's own time measures nothing), and a
    // recorded one the figures it was recorded with, so that its replay reports exactly the same.
    private static Timing Reported(AdditionalPropertiesDictionary? properties, Timing measured) => new(
        properties?.TryGetValue(CallSource.LatencyKey, out var latency) == true && latency is double ms ? ms : measured.LatencyMs,
        properties?.TryGetValue(CallSource.TimeToFirstTokenKey, out var first) == true && first is double firstMs ? firstMs : measured.FirstTokenMs);

    private readonly record struct Timing(double LatencyMs, double? FirstTokenMs)
    {
        public Timing(TimeSpan latency, TimeSpan? firstToken)
            : this(latency.TotalMilliseconds, firstToken?.TotalMilliseconds)
        {
        }
    }
}
