using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace PatternEngine.Tests.Support;

/// <summary>One piece of a scripted stream: the fake clock moves on by <paramref name="After"/>, then <paramref name="Text"/> arrives.</summary>
public sealed record StreamStep(TimeSpan After, string Text);

/// <summary>
/// A chat model that streams a scripted answer piece by piece on a fake clock, so times to first token are exact.
/// Usage counts words, as <see cref="ScriptedChatClient"/> does; a call that is not streamed gathers the same stream.
/// </summary>
public sealed class StreamingScriptedChatClient(FakeTimeProvider time, Func<ScriptedRequest, IReadOnlyList<StreamStep>> script) : IChatClient
{
    private int _calls;

    public ConcurrentQueue<ScriptedRequest> Requests { get; } = new();

    public string ModelId { get; init; } = "scripted";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ScriptedRequest(Interlocked.Increment(ref _calls) - 1, [.. messages], options);
        Requests.Enqueue(request);
        var text = "";
        foreach (var step in script(request))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            time.Advance(step.After);
            text += step.Text;
            yield return new ChatResponseUpdate(ChatRole.Assistant, step.Text) { ModelId = ModelId };
        }

        var usage = new UsageDetails { InputTokenCount = request.Messages.Sum(m => ScriptedChatClient.Words(m.Text)), OutputTokenCount = ScriptedChatClient.Words(text) };
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage)]) { ModelId = ModelId, FinishReason = ChatFinishReason.Stop };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, ModelId)
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
