namespace PatternEngine.Conversations;

/// <summary>What a <c>recall</c> looks for: facts of one conversation, remembered before a turn, relevant to a text.</summary>
/// <param name="ConversationId">The conversation whose facts are searched.</param>
/// <param name="BeforeTurn">Only facts remembered at earlier turns are found, so that a turn never recalls itself.</param>
/// <param name="Text">The text the facts are ranked against (its words; any syntax is ignored).</param>
/// <param name="TopK">The most facts returned.</param>
public sealed record MemoryQuery(string ConversationId, int BeforeTurn, string Text, int TopK);
