using System.Collections.Immutable;

namespace PatternEngine.Execution;

/// <summary>The record of one run: the output, every stage (in file order) and the totals.</summary>
public sealed record RunRecord
{
    /// <summary>The pattern's name.</summary>
    public required string Pattern { get; init; }

    /// <summary>The pattern's version.</summary>
    public required string Version { get; init; }

    /// <summary>The pattern's mode the run was in; null when it ran the pattern as written.</summary>
    public string? Mode { get; init; }

    /// <summary>The seed the run used.</summary>
    public required int Seed { get; init; }

    /// <summary>The output stage's value.</summary>
    public required StageValue Output { get; init; }

    /// <summary>The stages that ran, in the file's order.</summary>
    public required ImmutableArray<StageRecord> Stages { get; init; }

    /// <summary>Totals over the run.</summary>
    public required RunTotals Totals { get; init; }

    /// <summary>How the run ended: <see cref="RunStatus.Finished"/> unless it stopped part-way.</summary>
    public RunStatus Status { get; init; }

    /// <summary>The qualified id of the stage that stopped the run (failed, out of budget, blocked); null when it finished.</summary>
    public string? StoppedAt { get; init; }

    /// <summary>Why the run stopped, in one line; null when it finished.</summary>
    public string? StopReason { get; init; }

    /// <summary>Whether the pattern's <c>review:</c> rule asks a person to look at this finished run.</summary>
    public bool NeedsReview { get; init; }

    /// <summary>Why the run needs review (the rule's reason); empty when it does not.</summary>
    public System.Collections.Immutable.ImmutableArray<string> ReviewReasons { get; init; } = [];

    /// <summary>A fresh id per run: the <c>run_id</c> of its <c>--log</c> lines, and of its review item. Null for an included pattern's run.</summary>
    public string? RunId { get; init; }

    /// <summary>The conversation and turn the run was, when it was one (see <see cref="Conversations.ConversationRunner"/>).</summary>
    public Conversations.ConversationLink? Conversation { get; init; }

    /// <summary>Every call of the run, nested stages' included, each once.</summary>
    public IEnumerable<CallRecord> AllCalls() => Stages.SelectMany(s => s.AllCalls());
}
