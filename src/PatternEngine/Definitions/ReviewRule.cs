namespace PatternEngine.Definitions;

/// <summary>
/// When a run's result needs a person to look at it (<c>review:</c>): a Scriban expression over the inputs, the stages'
/// values and their details (<c>details.vote.agreement &lt; 0.6</c>), evaluated, bounded as <c>when</c> is, once the run
/// has finished. A run it holds true for is marked <see cref="Execution.RunRecord.NeedsReview"/>.
/// </summary>
public sealed record ReviewRule
{
    /// <summary>The expression; true asks for review.</summary>
    public required string When { get; init; }

    /// <summary>What to tell the reviewer; the expression itself when the file gives none.</summary>
    public string? Reason { get; init; }

    /// <summary>Where the rule was written.</summary>
    public required SourceSpan Source { get; init; }
}
