using System.Text.Json.Nodes;
using PatternEngine.Execution;

namespace PatternEngine.Stages;

/// <summary>What a stage node returns: its value and what it decided on the way.</summary>
internal sealed record StageOutcome(StageValue Value, JsonObject? Details = null)
{
    /// <summary>What a memory stage read or wrote, measured.</summary>
    public Conversations.MemoryAccess? Memory { get; init; }
}
