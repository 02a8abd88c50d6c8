namespace PatternEngine.Bench.History;

/// <summary>One pattern's result in one stored bench, with the result it had in the bench before on the same model.</summary>
public sealed record PatternHistoryEntry
{
    /// <summary>The bench the result belongs to.</summary>
    public required StoredBench Bench { get; init; }

    /// <summary>The pattern's figures and deltas, as the bench reported them.</summary>
    public required PatternSummary Summary { get; init; }

    /// <summary>
    /// The same pattern's result in the previous bench on the same model (any model version), whatever the query's
    /// filters and limit; null for the first. Its own <see cref="Previous"/> is not loaded.
    /// </summary>
    public PatternHistoryEntry? Previous { get; init; }

    /// <summary>How each figure changed since <see cref="Previous"/>; null for the first.</summary>
    public PatternChanges? Changes => Previous is null ? null : PatternChanges.Between(Previous.Summary, Summary);
}
