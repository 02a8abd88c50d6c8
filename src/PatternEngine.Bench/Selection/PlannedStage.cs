namespace PatternEngine.Selection;

/// <summary>A stage of a routing plan: the model it is routed to (none for stages that only aggregate), and why.</summary>
public sealed record PlannedStage
{
    /// <summary>The stage id.</summary>
    public required string Stage { get; init; }

    /// <summary>The catalog id of the model; null when the stage calls no model.</summary>
    public string? Model { get; init; }

    /// <summary>The model's pinned version, from the catalog.</summary>
    public string? Version { get; init; }

    /// <summary>Why, in a sentence.</summary>
    public string Rationale { get; init; } = "";
}
