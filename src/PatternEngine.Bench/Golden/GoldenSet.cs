using System.Collections.Immutable;

namespace PatternEngine.Bench.Golden;

/// <summary>The cases read from a golden file, and the lines that could not be read.</summary>
public sealed record GoldenSet
{
    /// <summary>The golden file, as given.</summary>
    public required string File { get; init; }

    /// <summary>The valid cases, in file order; never empty when read by <see cref="GoldenFile"/>.</summary>
    public required ImmutableArray<GoldenCase> Cases { get; init; }

    /// <summary>The malformed lines that were skipped, in file order.</summary>
    public ImmutableArray<GoldenLineError> Errors { get; init; } = [];
}
