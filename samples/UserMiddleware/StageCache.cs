using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Calls;

namespace UserMiddleware;

/// <summary>
/// Answers a call it has answered before (same stage, model name, settings and messages) from memory. It says so on
/// the answer, with the latency it first took, so the engine records the call as cached rather than as a fresh,
/// suspiciously fast one.
/// </summary>
public sealed class StageCache(IChatClient inner) : DelegatingChatClient(inner)
{
    private readonly ConcurrentDictionary<string, (ChatResponse Answer, double LatencyMs)> _answers = new();

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = ModelCallContext.Of(options); // the stage and logical model name the engine is calling for
        var key = string.Join("\n", [call.Stage, call.Route, options?.Temperature, options?.Seed, .. messages.Select(m => $"{m.Role}: {m.Text}")]);
        if (_answers.TryGetValue(key, out var known))
        {
            var served = new ChatResponse(known.Answer.Messages) { ModelId = known.Answer.ModelId, Usage = known.Answer.Usage };
            var counted = AnswerProvenance.Of(known.Answer) ?? new AnswerProvenance();
            AnswerProvenance.Set(served, counted with { Source = CallSource.Cache, RecordedLatencyMs = known.LatencyMs });
            return served;
        }

        var started = Stopwatch.GetTimestamp();
        var answer = await base.GetResponseAsync(messages, options, cancellationToken);
        _answers[key] = (answer, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return answer;
    }
}
