using System.Collections.Immutable;

namespace PatternEngine.Selection;

/// <summary>
/// Which model each stage of a pattern runs on, chosen by <c>patterns select</c> for a mode and its targets; kept
/// with a version number and date so that it can be listed, compared and rolled back.
/// </summary>
public sealed record RoutingPlan
{
    /// <summary>The pattern's name.</summary>
    public required string Pattern { get; init; }

    /// <summary>The SHA-256 of the pattern file the plan was made for.</summary>
    public required string PatternHash { get; init; }

    /// <summary>The mode the targets come from.</summary>
    public required RoutingMode Mode { get; init; }

    /// <summary>The targets every chosen model meets.</summary>
    public required Slo Slo { get; init; }

    /// <summary>
    /// The pattern's own mode the plan serves: the one of the same name as <see cref="Mode"/>, whose <c>modes:</c>
    /// overrides were applied while choosing and are applied when running by the plan; null when the pattern declares
    /// no such mode (the plan then serves the pattern as written).
    /// </summary>
    public string? PatternMode { get; init; }

    /// <summary>Every stage of the pattern, in file order.</summary>
    public required ImmutableArray<PlannedStage> Stages { get; init; }

    /// <summary>The plan's number in its pattern's history, from 1; 0 before it is stored.</summary>
    public int Version { get; init; }

    /// <summary>When the plan was made (or restored).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The version this plan restores, when a rollback made it.</summary>
    public int? RestoredFrom { get; init; }

    /// <summary>Stage id to model id, for the stages that call a model.</summary>
    public IReadOnlyDictionary<string, string> ModelsByStage =>
        Stages.Where(s => s.Model is not null).ToDictionary(s => s.Stage, s => s.Model!, StringComparer.Ordinal);
}
