using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using PatternEngine.Execution;
using PatternEngine.Models.Calls;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Routing;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// Measures every call that passes through it (tokens, latency, time to first token when streamed, model, source,
/// attempt, cost at the catalog's prices) and adds the record to the stage the call is made in. What the call is
/// comes from its <see cref="ModelCallContext"/>; an answer served without the model keeps the figures its
/// <see cref="AnswerProvenance"/> gives. Outside a run it records nothing. Measurement never breaks the call it
/// measures: a record that cannot be made becomes an issue of the call's stage, and the call goes on.
/// </summary>
public sealed class MeasuringChatClient : DelegatingChatClient
{
    private readonly TimeProvider _time;
    private readonly ModelCatalog _catalog;

    /// <summary>Measures the calls to <paramref name="inner"/>.</summary>
    /// <param name="inner">The rest of the pipeline.</param>
    /// <param name="time">The clock latencies are measured with; the system's when null.</param>
    /// <param name="catalog">The prices calls are costed at; none when null (every call unpriced).</param>
    public MeasuringChatClient(IChatClient inner, TimeProvider? time = null, ModelCatalog? catalog = null)
        : base(inner)
    {
        _time = time ?? TimeProvider.System;
        _catalog = catalog ?? ModelCatalog.Empty;
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var started = _time.GetTimestamp();
        Task<ChatResponse> answer;
        try
        {
            answer = base.GetResponseAsync(sent, options, cancellationToken);
        }
        catch (Exception e)
        {
            // Thrown before any task: recorded, then thrown the same way, as if nothing stood between caller and model.
            Record(sent, options, null, started, null, e);
            throw;
        }

        // An answer already there (a cache, a cassette, an instant model) is recorded without another async layer.
        if (answer.IsCompletedSuccessfully)
        {
            Record(sent, options, answer.Result, started, null, null);
            return answer;
        }

        return RecordWhenAnsweredAsync(answer, sent, options, started);
    }

    private async Task<ChatResponse> RecordWhenAnsweredAsync(Task<ChatResponse> answer, IReadOnlyList<ChatMessage> sent, ChatOptions? options, long started)
    {
        ChatResponse response;
        try
        {
            response = await answer.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Record(sent, options, null, started, null, e);
            throw;
        }

        Record(sent, options, response, started, null, null);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var started = _time.GetTimestamp();
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
                RecordStreamed(sent, options, updates, started, firstToken, e);
                throw;
            }

            var update = stream.Current;
            if (firstToken is null && StreamedResponse.HasAnswer(update))
            {
                firstToken = _time.GetElapsedTime(started);
            }

            updates.Add(update);
            yield return update;
        }

        RecordStreamed(sent, options, updates, started, firstToken, null);
    }

    /// <summary>
    /// Records an attempt that middleware outside refused to make (a circuit breaker that is open): a failed call
    /// that reached no model, named after its route's model, so that what failed is never anonymous.
    /// </summary>
    internal void RecordRefused(IReadOnlyList<ChatMessage> sent, ChatOptions? options, Exception error) =>
        Record(sent, options, null, _time.GetTimestamp(), null, error);

    // A stream's pieces are gathered into one answer only inside a run, and a failure to gather them is the stage's issue.
    [SuppressMessage("Design", "CA1031", Justification = "Measurement must never break the call it measures; the failure is reported on the stage.")]
    private void RecordStreamed(IReadOnlyList<ChatMessage> sent, ChatOptions? options, List<ChatResponseUpdate> updates, long started, TimeSpan? firstToken, Exception? error)
    {
        if (CallScope.Current is not { } scope)
        {
            return;
        }

        ChatResponse? response;
        try
        {
            response = updates.Count == 0 ? null : StreamedResponse.Gather(updates);
        }
        catch (Exception e)
        {
            scope.AddIssue(Unrecorded(options, e));
            return;
        }

        Record(sent, options, response, started, firstToken, error);
    }

    [SuppressMessage("Design", "CA1031", Justification = "Measurement must never break the call it measures; the failure is reported on the stage.")]
    private void Record(IReadOnlyList<ChatMessage> sent, ChatOptions? options, ChatResponse? response, long started, TimeSpan? firstToken, Exception? error)
    {
        // Outside a run nobody collects records, so nothing is built; the clock is read only for calls that are kept.
        if (CallScope.Current is not { } scope)
        {
            return;
        }

        CallRecord record;
        try
        {
            var measured = new Timing(_time.GetElapsedTime(started), firstToken);
            record = Describe(scope.StageId, sent, options, response, measured, error);
        }
        catch (Exception e)
        {
            // The call itself stands; what it cost is unknown, and the stage says so.
            scope.AddIssue(Unrecorded(options, e));
            return;
        }

        scope.Add(record);
    }

    private static string Unrecorded(ChatOptions? options, Exception error) =>
        $"a call to '{options?.ModelId ?? ModelRouter.DefaultRoute}' could not be recorded ({error.GetType().Name}: {error.Message}); its tokens, cost and latency are missing from the figures";

    private CallRecord Describe(string stage, IReadOnlyList<ChatMessage> sent, ChatOptions? options, ChatResponse? response, Timing measured, Exception? error)
    {
        // A failed answer may still carry the usage the provider bills for it.
        var usage = response?.Usage ?? (error as Resilience.ProviderCallException)?.Usage;
        var model = response?.ModelId ?? RouteModel(options) ?? "unknown";

        // A live answer from a plain provider says nothing of itself, and a call without retries carries no context.
        var provenance = response is null ? null : AnswerProvenance.Of(response);
        var call = ModelCallContext.Attached(options);
        return new CallRecord
        {
            Stage = stage,
            Route = call?.Route ?? options?.ModelId ?? ModelRouter.DefaultRoute,
            Model = model,
            InputTokens = Tokens(usage?.InputTokenCount),
            OutputTokens = Tokens(usage?.OutputTokenCount),
            UsageSource = usage is null ? UsageSource.None : provenance?.UsageSource ?? UsageSource.Provider,
            CostUsd = _catalog.Find(model)?.CostOf(Tokens(usage?.InputTokenCount), Tokens(usage?.OutputTokenCount), batched: provenance?.Batched == true),
            LatencyMs = provenance?.RecordedLatencyMs ?? measured.LatencyMs,
            TimeToFirstTokenMs = provenance?.RecordedTimeToFirstTokenMs ?? measured.FirstTokenMs,
            Source = provenance?.Source ?? (error is CassetteMissException ? CallSource.Replay : CallSource.Live),
            Attempt = call?.Attempt ?? 1,
            FinishReason = response?.FinishReason?.Value,
            Messages = Copy(sent),
            Response = response?.Text ?? "",
            Error = error?.Message,
            FallbackFrom = call?.FallbackFrom,
            CachedInputTokens = usage?.CachedInputTokenCount,
            ReasoningTokens = usage?.ReasoningTokenCount,
        };
    }

    // A provider's counts are taken as given within what one call can hold; nothing it claims can make totals wrap.
    private static long Tokens(long? count) => Math.Clamp(count ?? 0, 0, InputLimits.MaxTokensPerCall);

    private static ImmutableArray<SentMessage> Copy(IReadOnlyList<ChatMessage> sent)
    {
        var copy = new SentMessage[sent.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = new SentMessage(sent[i].Role.Value, sent[i].Text);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(copy);
    }

    // A failed call has no answer to name its model, so it names the model its route resolves to; the options
    // carry the logical name, which is no model.
    private string? RouteModel(ChatOptions? options) =>
        this.GetService<ModelRouter>()?.Resolve(options?.ModelId) is { } route
            ? route.ModelId ?? route.Client.GetService<ChatClientMetadata>()?.DefaultModelId
            : null;

    private readonly record struct Timing(double LatencyMs, double? FirstTokenMs)
    {
        public Timing(TimeSpan latency, TimeSpan? firstToken)
            : this(latency.TotalMilliseconds, firstToken?.TotalMilliseconds)
        {
        }
    }
}
