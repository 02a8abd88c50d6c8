using PatternEngine.Bench.Scoring;
using PatternEngine.Conversations;
using PatternEngine.Execution;

namespace PatternEngine.Bench.Conversations;

/// <summary>Plays a scripted conversation through a <see cref="ConversationRunner"/>, turn after turn, scoring the turns that expect an answer.</summary>
public static class ScriptedConversation
{
    /// <summary>
    /// Sends every turn of <paramref name="turns"/> to conversation <paramref name="conversationId"/>, in order; each
    /// finished turn goes to <paramref name="onTurn"/> as it finishes, so that a caller keeps what was measured before a
    /// turn that fails.
    /// </summary>
    /// <exception cref="PatternRunException">A turn's run failed; the turns before it were reported.</exception>
    public static async Task<IReadOnlyList<ScriptedTurnResult>> RunAsync(
        ConversationRunner runner,
        string conversationId,
        IReadOnlyList<ScriptedTurn> turns,
        RunOptions? options = null,
        IReadOnlyDictionary<string, string>? inputs = null,
        Action<ScriptedTurnResult>? onTurn = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(turns);
        var results = new List<ScriptedTurnResult>(turns.Count);
        foreach (var turn in turns)
        {
            var record = await runner.SendAsync(conversationId, turn.User, inputs, options, cancellationToken).ConfigureAwait(false);
            var result = new ScriptedTurnResult(turn, record, Score(turn, record));
            results.Add(result);
            onTurn?.Invoke(result);
        }

        return results;
    }

    /// <summary>Whether the answer holds the expected one (case and surrounding space ignored); null for a turn that expects none.</summary>
    public static bool? Score(ScriptedTurn turn, RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(record);
        return turn.Expected is { } expected ? AnswerScorer.Contains(record.Output.AsItem() ?? "", expected) : null;
    }
}

/// <summary>A played turn: the script's turn, its run's record (linked to the conversation), and whether it was right.</summary>
/// <param name="Turn">The scripted turn.</param>
/// <param name="Record">The turn's run record.</param>
/// <param name="Correct">Whether the answer held the expected one; null when none was expected.</param>
public sealed record ScriptedTurnResult(ScriptedTurn Turn, RunRecord Record, bool? Correct);
