namespace PatternEngine.Conversations;

/// <summary>Which conversation a run was a turn of, and which turn.</summary>
/// <param name="Id">The conversation's id.</param>
/// <param name="Turn">The turn, from 0.</param>
public sealed record ConversationLink(string Id, int Turn);
