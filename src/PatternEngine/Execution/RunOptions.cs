using PatternEngine.Execution.Logging;

namespace PatternEngine.Execution;

/// <summary>Settings of one run.</summary>
public sealed record RunOptions
{
    /// <summary>The run's seed; every call's seed derives from it, so a run with the same seed repeats itself.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Where every call and the run are reported as they finish, if anywhere.</summary>
    public IRunLog? Log { get; init; }

    /// <summary>The conversation the run is a turn of, whose memory <c>remember</c> and <c>recall</c> stages use; null for a lone run.</summary>
    public Conversations.ConversationScope? Conversation { get; init; }
}
