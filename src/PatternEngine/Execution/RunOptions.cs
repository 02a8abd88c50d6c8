using PatternEngine.Execution.Logging;

namespace PatternEngine.Execution;

/// <summary>Settings of one run.</summary>
public sealed record RunOptions
{
    /// <summary>The run's seed; every call's seed derives from it, so a run with the same seed repeats itself.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Where every call and the run are reported as they finish, if anywhere.</summary>
    public IRunLog? Log { get; init; }

    /// <summary>
    /// What the run may spend, over the budget its pattern file declares (the stricter of each limit applies); null
    /// leaves the file's alone. A call that does not fit is not made, and the run stops with
    /// <see cref="RunStatus.BudgetExceeded"/>.
    /// </summary>
    public Definitions.RunBudget? Budget { get; init; }

    /// <summary>
    /// The pattern's mode to run in (<c>modes:</c> in its file; see <see cref="Definitions.FieldOverrides.PatternModes"/>); null
    /// runs the pattern as compiled. A mode the pattern does not declare is a <see cref="Definitions.PatternFileException"/>.
    /// </summary>
    public string? Mode { get; init; }

    /// <summary>The conversation the run is a turn of, whose memory <c>remember</c> and <c>recall</c> stages use; null for a lone run.</summary>
    public Conversations.ConversationScope? Conversation { get; init; }
}
