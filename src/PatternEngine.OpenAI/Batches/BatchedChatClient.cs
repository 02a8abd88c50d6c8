using Microsoft.Extensions.AI;
using PatternEngine.Models.Calls;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// A provider's client in batch mode, around the OpenAI client whose HTTP goes through <see cref="BatchingHandler"/>:
/// it says of every answer that it was batched (<see cref="AnswerProvenance.Batched"/>: costed at the catalog's batch
/// price, latency not measured), and refuses streaming, which the Batch API does not do.
/// </summary>
internal sealed class BatchedChatClient(IChatClient inner, string provider) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        AnswerProvenance.Update(response, p => p with { Batched = true });
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new ProviderCallException(ProviderFailure.Rejected, $"'{provider}' is called through the Batch API, which cannot stream an answer; run without streaming");
}
