using System.Collections.Immutable;

namespace PatternEngine.Selection;

/// <summary>The model chosen for one stage, or why none could be; stages that only aggregate choose none and need none.</summary>
public sealed record StageChoice
{
    /// <summary>The stage.</summary>
    public required string Stage { get; init; }

    /// <summary>Whether the stage calls a model at all.</summary>
    public bool CallsModel { get; init; } = true;

    /// <summary>The chosen model's profile; null when the stage calls no model or no candidate meets the targets.</summary>
    public StageProfile? Chosen { get; init; }

    /// <summary>The next best candidate that also meets the targets, if any.</summary>
    public StageProfile? RunnerUp { get; init; }

    /// <summary>Each candidate that misses a target, with every target it misses, in candidate order.</summary>
    public ImmutableArray<(string Model, ImmutableArray<TargetMiss> Misses)> Rejected { get; init; } = [];

    /// <summary>Whether the stage has what it needs: a model, or no need of one.</summary>
    public bool IsFeasible => !CallsModel || Chosen is not null;

    /// <summary>The decision in a sentence: the figures that decided it and the runner-up, or why every candidate failed.</summary>
    public required string Rationale { get; init; }
}
