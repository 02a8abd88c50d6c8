using System.Collections.Immutable;

namespace PatternEngine.Bench.Estimation;

/// <summary>What one run of a pattern is expected to spend, and the most it can spend, stage by stage and in total.</summary>
public sealed record SpendEstimate
{
    /// <summary>The pattern's name.</summary>
    public required string Pattern { get; init; }

    /// <summary>The stages that call a model, in file order (included patterns' stages in place of the stage that runs them).</summary>
    public required ImmutableArray<StageEstimate> Stages { get; init; }

    /// <summary>Tokens expected over the run.</summary>
    public double ExpectedTokens => Stages.Sum(s => s.ExpectedTokens);

    /// <summary>The most tokens the run can spend.</summary>
    public long WorstTokens => Stages.Sum(s => s.WorstTokens);

    /// <summary>Calls expected over the run.</summary>
    public double ExpectedCalls => Stages.Sum(s => s.ExpectedCalls);

    /// <summary>The most calls the run can make.</summary>
    public long WorstCalls => Stages.Sum(s => s.WorstCalls);

    /// <summary>Expected cost in US dollars; null when a stage's model is unpriced.</summary>
    public decimal? ExpectedCostUsd => Stages.Any(s => s.ExpectedCostUsd is null) ? null : Stages.Sum(s => s.ExpectedCostUsd!.Value);

    /// <summary>The worst-case cost in US dollars; null when a stage's model is unpriced.</summary>
    public decimal? WorstCostUsd => Stages.Any(s => s.WorstCostUsd is null) ? null : Stages.Sum(s => s.WorstCostUsd!.Value);

    /// <summary>Whether a map's item count was unknown, so the totals hold one item for it.</summary>
    public bool ItemsUnknown => Stages.Any(s => s.ItemsUnknown);
}
