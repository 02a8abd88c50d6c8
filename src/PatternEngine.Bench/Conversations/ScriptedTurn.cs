namespace PatternEngine.Bench.Conversations;

/// <summary>One user turn of a scripted conversation, with the answer expected of it when the turn is scored.</summary>
/// <param name="User">What the user says.</param>
/// <param name="Expected">The expected answer (scored like a golden case's), or null for a turn that is not scored.</param>
public sealed record ScriptedTurn(string User, string? Expected)
{
    /// <summary>The line of the turns file the turn was read from (0 for turns made in code).</summary>
    public int Line { get; init; }
}
