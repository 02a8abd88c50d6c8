namespace PatternEngine.Conversations;

/// <summary>
/// Where conversations and their turns are kept. The engine needs only these few operations, so that the store can
/// be SQLite (<c>PatternEngine.Bench</c>'s <c>SqliteConversationStore</c>), a server database, or a test's fake.
/// </summary>
public interface IConversationStore
{
    /// <summary>The conversation <paramref name="id"/>, or null when the store has none of that id.</summary>
    Task<ConversationInfo?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Starts a conversation held with <paramref name="pattern"/>; a new id is made when <paramref name="id"/> is null.</summary>
    /// <exception cref="ConversationException">A conversation of that id exists already.</exception>
    Task<ConversationInfo> StartAsync(string? id, string pattern, CancellationToken cancellationToken = default);

    /// <summary>The conversation's turns, oldest first (empty for a conversation without any, or none at all).</summary>
    Task<IReadOnlyList<ConversationTurn>> TurnsAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Adds a turn at the end of the conversation; its index must be the number of turns before it.</summary>
    /// <exception cref="ConversationException">The conversation does not exist, or the index is not the next one.</exception>
    Task AppendAsync(string id, ConversationTurn turn, CancellationToken cancellationToken = default);

    /// <summary>Deletes the conversation, its turns and its memories; false when there was none of that id.</summary>
    Task<bool> ForgetAsync(string id, CancellationToken cancellationToken = default);
}
