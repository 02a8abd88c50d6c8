namespace PatternEngine.Conversations;

/// <summary>What a memory read found: the facts, best first, and the rows and UTF-8 bytes read.</summary>
/// <param name="Facts">The facts found, most relevant first.</param>
/// <param name="Bytes">Their size in UTF-8 bytes.</param>
public sealed record MemoryRecall(IReadOnlyList<RecalledFact> Facts, long Bytes)
{
    /// <summary>Rows read.</summary>
    public int Rows => Facts.Count;
}

/// <summary>A recalled fact.</summary>
/// <param name="Text">The fact.</param>
/// <param name="Turn">The turn it was remembered at.</param>
/// <param name="Score">Its relevance; higher is more relevant (for SQLite, BM25 negated).</param>
public sealed record RecalledFact(string Text, int Turn, double Score);
