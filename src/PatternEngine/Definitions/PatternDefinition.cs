using System.Collections.Immutable;

namespace PatternEngine.Definitions;

/// <summary>A pattern file as data: what it takes, its stages, and which stage is the output.</summary>
public sealed record PatternDefinition
{
    /// <summary>The pattern's name.</summary>
    public required string Name { get; init; }

    /// <summary>The pattern's version, pinned in the file.</summary>
    public required string Version { get; init; }

    /// <summary>What the pattern does.</summary>
    public string Description { get; init; } = "";

    /// <summary>What the quick sheet expects this pattern to cost against one plain call, when the file says.</summary>
    public ExpectedDeltas? Expected { get; init; }

    /// <summary>What one run may spend (<c>budget:</c>); null when the file sets no limit.</summary>
    public RunBudget? Budget { get; init; }

    /// <summary>When a finished run needs human review (<c>review:</c>); null when the file does not say.</summary>
    public ReviewRule? Review { get; init; }

    /// <summary>
    /// The pattern's modes (<c>modes:</c>), by name: each a set of stage-field overrides that
    /// <see cref="FieldOverrides.PatternModes.Apply"/> makes a definition of; empty when the file declares none.
    /// </summary>
    public ImmutableSortedDictionary<string, FieldOverrides.StageOverrides> Modes { get; init; } =
        ImmutableSortedDictionary.Create<string, FieldOverrides.StageOverrides>(StringComparer.Ordinal);

    /// <summary>The mode this definition is in (its overrides already applied); null for the pattern as written.</summary>
    public string? Mode { get; init; }

    /// <summary>The inputs, in file order.</summary>
    public ImmutableArray<InputDefinition> Inputs { get; init; } = [];

    /// <summary>The stages, in file order.</summary>
    public required ImmutableArray<StageDefinition> Stages { get; init; }

    /// <summary>The id of the stage whose value is the pattern's output.</summary>
    public required string Output { get; init; }

    /// <summary>Where the pattern was written.</summary>
    public required SourceSpan Source { get; init; }
}
