using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI;
using PatternEngine.Models.Providers;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// One OpenAI-compatible endpoint as a chat client, serving every model id it is asked for
/// (<see cref="ChatOptions.ModelId"/>). It is the chat-client path Semantic Kernel's OpenAI connector takes
/// (<c>OpenAIClient.GetChatClient(model).AsIChatClient()</c>), which keeps the provider's usage (cached and reasoning
/// tokens too), native tool calls and <c>response_format</c>; unlike the connector's <c>AddOpenAIChatClient</c> it adds
/// no function invocation of its own (the pipeline has one) and turns the SDK's hidden retries off (ours are measured).
/// </summary>
internal sealed class OpenAIProviderChatClient : IChatClient
{
    private readonly OpenAIClient _client;
    private readonly ChatClientMetadata _metadata;
    private readonly ConcurrentDictionary<string, IChatClient> _models = new(StringComparer.Ordinal);

    /// <param name="settings">The endpoint.</param>
    /// <param name="apiKey">The key, read from the environment by the caller; null for a server that needs none.</param>
    /// <param name="http">The HTTP client the calls go through; its owner disposes it.</param>
    public OpenAIProviderChatClient(ProviderSettings settings, string? apiKey, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new OpenAIClientOptions
        {
            Endpoint = settings.Endpoint,
            OrganizationId = settings.Organization,
            Transport = new HttpClientPipelineTransport(http),

            // Retries and the time limit belong to the resilience middleware, where every attempt is measured.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        options.AddPolicy(new CompletionBodyPolicy(settings.Name), PipelinePosition.PerCall);

        // Some servers need no key, but the SDK needs a credential; an unused placeholder is sent to them.
        _client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey), options);
        _metadata = new ChatClientMetadata("openai", settings.Endpoint, settings.DefaultModel);
        DefaultModel = settings.DefaultModel;
    }

    private string? DefaultModel { get; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        For(options).GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        For(options).GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        foreach (var model in _models.Values)
        {
            model.Dispose();
        }
    }

    private IChatClient For(ChatOptions? options)
    {
        var model = options?.ModelId ?? DefaultModel
            ?? throw new InvalidOperationException($"no model id for the endpoint {_metadata.ProviderUri}; the route must name one");
        return _models.GetOrAdd(model, m => _client.GetChatClient(m).AsIChatClient());
    }
}
