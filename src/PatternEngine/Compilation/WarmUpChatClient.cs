using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatternEngine.Compilation;

/// <summary>
/// Just inside the measurement: during a warm-up run (<see cref="CompiledPattern.WarmUpAsync"/>) it answers every call
/// itself, at once, so that the run goes through the pattern's own kernel, templates, stages and middleware (paying
/// their first-call JIT and lazy set-up) while nothing reaches the cassette, the model or a provider. Other calls pass.
/// </summary>
internal sealed class WarmUpChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private const string Answer = "warm-up";

    private static readonly AsyncLocal<bool> Warming = new();

    // Read before the async-local, so that calls outside any warm-up pay one field read.
    private static int s_warmUps;

    /// <summary>Marks the calls the caller makes from here on, in its async flow, as a warm-up's; dispose to end it.</summary>
    public static IDisposable Begin()
    {
        Interlocked.Increment(ref s_warmUps);
        Warming.Value = true;
        return new End();
    }

    /// <summary>Whether the calling async flow is a warm-up run's (whose runs and calls report no telemetry).</summary>
    internal static bool IsWarmingUp => Volatile.Read(ref s_warmUps) > 0 && Warming.Value;

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        IsWarmingUp ? AnswerAsync() : base.GetResponseAsync(messages, options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        IsWarmingUp ? StreamAsync(cancellationToken) : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    // Asynchronous and with usage, as real answers are, so that the warm-up takes the paths they take.
    private static async Task<ChatResponse> AnswerAsync()
    {
        await Task.Yield();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer)) { ModelId = Answer, FinishReason = ChatFinishReason.Stop, Usage = Usage() };
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return new ChatResponseUpdate(ChatRole.Assistant, Answer) { ModelId = Answer };
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(Usage())]) { ModelId = Answer, FinishReason = ChatFinishReason.Stop };
    }

    private static UsageDetails Usage() => new() { InputTokenCount = 1, OutputTokenCount = 1, TotalTokenCount = 2 };

    private sealed class End : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                Warming.Value = false;
                Interlocked.Decrement(ref s_warmUps);
            }
        }
    }
}
