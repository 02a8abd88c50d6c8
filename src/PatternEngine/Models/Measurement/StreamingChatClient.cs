using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// Serves every call by streaming it and gathering the updates into one response, so that the stages, which ask for
/// whole answers, run streamed and the measurement inside sees the time to first token.
/// </summary>
/// <param name="inner">The rest of the pipeline.</param>
public sealed class StreamingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return StreamedResponse.Gather(updates);
    }
}
