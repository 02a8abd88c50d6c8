namespace PatternEngine.Conversations;

/// <summary>One stored turn: what the user said, what the pattern answered, and what the turn's run cost.</summary>
public sealed record ConversationTurn
{
    /// <summary>The turn's place in its conversation, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>What the user said.</summary>
    public required string User { get; init; }

    /// <summary>The pattern's answer (its output's text; empty when it had none).</summary>
    public required string Answer { get; init; }

    /// <summary>The pattern run for the turn (name and version), as its record names it.</summary>
    public required string Pattern { get; init; }

    /// <summary>Tokens sent over the turn's calls.</summary>
    public long InputTokens { get; init; }

    /// <summary>Tokens received over the turn's calls.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Cost in US dollars of the turn's priced calls.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Wall time of the turn's run, in milliseconds.</summary>
    public double WallMs { get; init; }

    /// <summary>When the turn finished.</summary>
    public DateTimeOffset At { get; init; }
}
