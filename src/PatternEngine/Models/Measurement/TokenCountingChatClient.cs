using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Calls;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// Fills in the usage of calls whose provider reported none, when the answering model's tiktoken encoding is known
/// (<see cref="TiktokenCounter"/>), and labels it <see cref="UsageSource.Tiktoken"/>. Reported usage is never
/// replaced; calls to other models keep no usage, so they are recorded as <see cref="UsageSource.None"/>.
/// </summary>
/// <param name="inner">The rest of the pipeline.</param>
public sealed class TokenCountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        if (Estimate(sent, options, response) is { } usage)
        {
            response.Usage = usage;
            AnswerProvenance.Update(response, p => p with { UsageSource = UsageSource.Tiktoken });
        }

        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }

        // The estimate can only follow the whole answer: one more update carries it.
        var response = StreamedResponse.Gather(updates);
        if (Estimate(sent, options, response) is { } usage)
        {
            var counted = new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage)]) { ModelId = response.ModelId };
            AnswerProvenance.Set(counted, new AnswerProvenance { UsageSource = UsageSource.Tiktoken });
            yield return counted;
        }
    }

    private static UsageDetails? Estimate(IReadOnlyList<ChatMessage> sent, ChatOptions? options, ChatResponse response)
    {
        if (response.Usage is { InputTokenCount: not null } or { OutputTokenCount: not null }
            || TiktokenCounter.For(response.ModelId ?? options?.ModelId) is not { } tokenizer)
        {
            return null;
        }

        var input = TiktokenCounter.CountSent(tokenizer, sent, options?.Instructions);
        var output = TiktokenCounter.CountReceived(tokenizer, response);
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }
}
