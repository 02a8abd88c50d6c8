using Microsoft.Extensions.AI;
using PatternEngine.Fuzz.Mutations;

namespace PatternEngine.Fuzz;

/// <summary>The model a valid mutated pattern runs on: it answers at once, each call with one of the hostile answers.</summary>
internal sealed class FuzzModel(int seed) : IChatClient
{
    private static readonly ChatClientMetadata Metadata = new("fuzz", null, "fuzz-model");

    private int _calls;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        var answer = HostileValues.Answers[(int)((uint)((seed * 31) + call) % HostileValues.Answers.Length)];
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = "fuzz-model",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = messages.Sum(m => m.Text.Length), OutputTokenCount = answer.Length },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
