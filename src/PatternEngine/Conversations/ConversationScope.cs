namespace PatternEngine.Conversations;

/// <summary>
/// The conversation a run is a turn of (<see cref="Execution.RunOptions.Conversation"/>): <c>remember</c> and
/// <c>recall</c> stages read and write its memory. A run without one has no memory: recall finds nothing and
/// remember keeps nothing, each saying so in its stage record.
/// </summary>
/// <param name="Id">The conversation's id.</param>
/// <param name="Turn">The turn the run is, from 0.</param>
/// <param name="Memory">Where the conversation's facts are kept.</param>
public sealed record ConversationScope(string Id, int Turn, IMemoryStore Memory);
