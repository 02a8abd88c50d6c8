using System.Collections.Immutable;
using PatternEngine.Definitions;

namespace PatternEngine.Bench.Gates;

/// <summary>The thresholds a gate file states for one pattern, or for every pattern (<see cref="AllPatterns"/>).</summary>
public sealed record Gate
{
    /// <summary>The pattern name that stands for every benched pattern.</summary>
    public const string AllPatterns = "*";

    /// <summary>The pattern's name, or <c>*</c>.</summary>
    public required string Pattern { get; init; }

    /// <summary>The thresholds, in the file's order.</summary>
    public required ImmutableArray<GateThreshold> Thresholds { get; init; }

    /// <summary>Where the gate starts in its file.</summary>
    public required SourceLocation Location { get; init; }
}
