using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PatternEngine.Execution;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// Measures every call that passes through it (tokens, latency, model) and adds the record to the current
/// <see cref="CallScope"/>. Measurement never breaks the call it measures: a failure to record is swallowed.
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
            Record(sent, options, null, started, e);
            throw;
        }

        Record(sent, options, response, started, null);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var started = time.GetTimestamp();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }

        Record(sent, options, updates.ToChatResponse(), started, null);
    }

    [SuppressMessage("Design", "CA1031", Justification = "Measurement must never break the call it measures.")]
    private void Record(IReadOnlyList<ChatMessage> sent, ChatOptions? options, ChatResponse? response, long started, Exception? error)
    {
        try
        {
            if (CallScope.Current is not { } scope)
            {
                return;
            }

            var usage = response?.Usage;
            var model = response?.ModelId ?? "unknown"; // options carry the logical name, which is no model
            scope.Add(new CallRecord
            {
                Stage = scope.StageId,
                Route = options?.ModelId ?? Routing.ModelRouter.DefaultRoute,
                Model = model,
                InputTokens = usage?.InputTokenCount ?? 0,
                OutputTokens = usage?.OutputTokenCount ?? 0,
                UsageSource = usage is null ? UsageSource.None
                    : response?.AdditionalProperties?.TryGetValue(UsageSource.PropertyKey, out var source) == true ? source?.ToString() ?? UsageSource.Provider
                    : UsageSource.Provider,
                CostUsd = catalog.Find(model)?.CostOf(usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0),
                LatencyMs = time.GetElapsedTime(started).TotalMilliseconds,
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
}
