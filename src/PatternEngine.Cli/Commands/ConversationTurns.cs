using PatternEngine.Conversations;

namespace PatternEngine.Cli.Commands;

/// <summary>How <c>converse</c> and <c>run --conversation</c> find the conversation they add turns to.</summary>
internal static class ConversationTurns
{
    /// <summary>The conversation <paramref name="id"/> when it is stored, else a new one (of that id, when given).</summary>
    public static async Task<string> OpenAsync(ConversationRunner runner, IConversationStore store, string? id, CancellationToken cancellationToken)
    {
        if (id is not null && await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return id;
        }

        return (await runner.StartAsync(id, cancellationToken).ConfigureAwait(false)).Id;
    }

    /// <summary>
    /// Runs one more turn of the stored conversation <paramref name="id"/> (<c>run --conversation</c>): the turn's text
    /// is the <c>question</c> input, the other inputs go to the pattern as they are.
    /// </summary>
    /// <exception cref="ConversationException">No such conversation, another pattern's, or no <c>question</c> input given.</exception>
    public static async Task<Execution.RunRecord> ContinueAsync(
        Compilation.CompiledPattern pattern, Bench.Conversations.SqliteConversationStore store, string id, IReadOnlyDictionary<string, string> inputs,
        Execution.RunOptions options, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ConversationException(PatternEngineErrorKind.InvalidInput,
                $"{store.Path}: no conversation '{id}' to continue; start one with 'patterns converse PATTERN --turns FILE --conversation {id}'");
        }

        if (!inputs.TryGetValue(ConversationRunner.QuestionInput, out var user))
        {
            throw new ConversationException(PatternEngineErrorKind.InvalidInput, "a turn of a conversation needs its text: --input question=...");
        }

        var others = inputs.Where(i => i.Key != ConversationRunner.QuestionInput).ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
        var runner = new ConversationRunner(pattern, store, store);
        return await runner.SendAsync(id, user, others, options, cancellationToken).ConfigureAwait(false);
    }
}
