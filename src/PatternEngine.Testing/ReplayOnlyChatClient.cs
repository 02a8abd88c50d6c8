using Microsoft.Extensions.AI;

namespace PatternEngine.Testing;

/// <summary>
/// Stands in for the model a cassette was recorded on: it names the provider and model (which are part of every
/// request's key) and answers nothing, since a replay serves every call from the cassette.
/// </summary>
internal sealed class ReplayOnlyChatClient(string? provider, string model) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new(provider, providerUri: null, model);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NoModel();

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NoModel();

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    private InvalidOperationException NoModel() =>
        new($"a snapshot replay calls no model, but a call reached '{_metadata.DefaultModelId}'; the cassette should have answered it");
}
