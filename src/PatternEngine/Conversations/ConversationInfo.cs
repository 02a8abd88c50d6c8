namespace PatternEngine.Conversations;

/// <summary>A stored conversation: its id, the pattern it is held with, and when it started.</summary>
/// <param name="Id">The conversation's id.</param>
/// <param name="Pattern">The name of the pattern every turn runs.</param>
/// <param name="StartedAt">When the conversation started.</param>
public sealed record ConversationInfo(string Id, string Pattern, DateTimeOffset StartedAt);
