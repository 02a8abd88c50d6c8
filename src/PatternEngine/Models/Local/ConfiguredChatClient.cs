using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Models.Local;

/// <summary>
/// Serves one catalog entry on a client that may serve others too: applies the entry's call settings and names the
/// entry as the model that answered, since the client's own model id (one GGUF file) cannot tell configurations apart.
/// </summary>
internal sealed class ConfiguredChatClient(IChatClient inner, CatalogModel model) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, Configure(options), cancellationToken).ConfigureAwait(false);
        response.ModelId = model.Id;
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, Configure(options), cancellationToken).ConfigureAwait(false))
        {
            update.ModelId = model.Id;
            yield return update;
        }
    }

    private ChatOptions? Configure(ChatOptions? options) => model.Settings?.ApplyTo(options) ?? options;
}
