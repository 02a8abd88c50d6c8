namespace PatternEngine.Conversations;

/// <summary>
/// The facts a conversation remembers, found again by relevance to a query: what <c>remember</c> and <c>recall</c>
/// stages read and write. The SQLite store ranks with full-text search (FTS5, BM25).
/// </summary>
public interface IMemoryStore
{
    /// <summary>Stores <paramref name="facts"/> as remembered at turn <paramref name="turn"/> of conversation <paramref name="conversationId"/>.</summary>
    Task<MemoryWrite> RememberAsync(string conversationId, int turn, IReadOnlyList<string> facts, CancellationToken cancellationToken = default);

    /// <summary>The facts of earlier turns most relevant to the query, best first, at most <see cref="MemoryQuery.TopK"/>.</summary>
    Task<MemoryRecall> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default);
}
