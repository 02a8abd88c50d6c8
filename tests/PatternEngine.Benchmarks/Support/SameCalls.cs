using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace PatternEngine.Benchmarks.Support;

/// <summary>
/// Checks that two ways of running a pattern send the model the same calls: the same messages (role and text) with
/// the same model name, token limit and temperature, each with a seed. Seeds themselves may differ: the engine
/// derives them from the run's seed, hand-written code picks its own.
/// </summary>
public static class SameCalls
{
    /// <summary>Throws, naming the first difference, unless <paramref name="handWritten"/> and <paramref name="engine"/> make the same calls.</summary>
    public static void Check(IChatClient model, Func<IChatClient, Task> handWritten, Func<IChatClient, Task> engine)
    {
        ArgumentNullException.ThrowIfNull(handWritten);
        ArgumentNullException.ThrowIfNull(engine);
        var byHand = Record(model, handWritten);
        var byEngine = Record(model, engine);
        if (!byHand.SequenceEqual(byEngine, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                "the hand-written code and the engine make different calls:\n  by hand: " + string.Join("\n           ", byHand)
                + "\n  engine:  " + string.Join("\n           ", byEngine));
        }
    }

    private static List<string> Record(IChatClient model, Func<IChatClient, Task> run)
    {
        using var recorder = new Recorder(model);
        run(recorder).GetAwaiter().GetResult();
        return [.. recorder.Calls.Order(StringComparer.Ordinal)];
    }

    private sealed class Recorder(IChatClient inner) : DelegatingChatClient(inner)
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var sent = messages.ToList();
            Calls.Enqueue(string.Create(CultureInfo.InvariantCulture,
                $"model={options?.ModelId} max_tokens={options?.MaxOutputTokens} temperature={options?.Temperature} seeded={options?.Seed is not null} messages={string.Join(" | ", sent.Select(m => $"{m.Role}: {m.Text}"))}"));
            return base.GetResponseAsync(sent, options, cancellationToken);
        }
    }
}
