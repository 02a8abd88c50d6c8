using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatternEngine.Benchmarks.Support;

/// <summary>
/// A scripted chat model that takes a fixed time per call. With <see cref="TimeSpan.Zero"/> it answers at once with
/// a completed task (no await, no timer); otherwise it awaits <see cref="Task.Delay(TimeSpan, CancellationToken)"/>
/// first. Every answer carries usage (about four characters a token) and the model id, and the client describes
/// itself through <see cref="ChatClientMetadata"/>, which Semantic Kernel asks for.
/// </summary>
public sealed class FixedLatencyChatClient(TimeSpan latency, Func<IReadOnlyList<ChatMessage>, string> answer) : IChatClient
{
    private const string Model = "scripted";

    private static readonly ChatClientMetadata Metadata = new("scripted", null, Model);

    private int _calls;

    /// <summary>A model that answers every call at once with the same text.</summary>
    public static FixedLatencyChatClient Instant(string text) => new(TimeSpan.Zero, _ => text);

    public TimeSpan Latency { get; } = latency;

    /// <summary>The calls answered so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        Interlocked.Increment(ref _calls);
        return Latency == TimeSpan.Zero ? Task.FromResult(Respond(sent)) : RespondLaterAsync(sent, cancellationToken);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    private async Task<ChatResponse> RespondLaterAsync(IReadOnlyList<ChatMessage> sent, CancellationToken cancellationToken)
    {
        await Task.Delay(Latency, cancellationToken).ConfigureAwait(false);
        return Respond(sent);
    }

    private ChatResponse Respond(IReadOnlyList<ChatMessage> sent)
    {
        var text = answer(sent);
        var characters = 0;
        for (var i = 0; i < sent.Count; i++)
        {
            characters += sent[i].Text.Length;
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = Model,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 1 + (characters / 4), OutputTokenCount = 1 + (text.Length / 4) },
        };
    }
}
