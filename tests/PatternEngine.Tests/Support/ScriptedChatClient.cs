using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatternEngine.Tests.Support;

/// <summary>What a scripted model was asked: the messages and the options, with the call's number (0-based).</summary>
public sealed record ScriptedRequest(int Number, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    /// <summary>The last user message's text.</summary>
    public string Prompt => Messages.Last(m => m.Role == ChatRole.User).Text;

    /// <summary>The system message's text, or empty.</summary>
    public string System => Messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? "";
}

/// <summary>
/// A chat model that answers from a script (a callback). It counts tokens as words, so usage is exact and
/// predictable, and records every request it gets.
/// </summary>
public sealed class ScriptedChatClient(Func<ScriptedRequest, CancellationToken, Task<string>> answer) : IChatClient
{
    private int _calls;

    public ScriptedChatClient(Func<ScriptedRequest, string> answer)
        : this((request, _) => Task.FromResult(answer(request)))
    {
    }

    public ConcurrentQueue<ScriptedRequest> Requests { get; } = new();

    public string ModelId { get; init; } = "scripted";

    public static long Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new ScriptedRequest(Interlocked.Increment(ref _calls) - 1, [.. messages], options);
        Requests.Enqueue(request);
        var text = await answer(request, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = request.Messages.Sum(m => Words(m.Text)),
                OutputTokenCount = Words(text),
            },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, ModelId)
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
