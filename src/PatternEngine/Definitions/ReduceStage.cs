namespace PatternEngine.Definitions;

/// <summary>Combines the list an earlier stage produced into one value. Makes no model call.</summary>
public sealed record ReduceStage : StageDefinition
{
    /// <summary>The stage whose list is combined.</summary>
    public required string From { get; init; }

    /// <summary>How the list is combined.</summary>
    public required ReduceMethod Method { get; init; }

    /// <summary>What <see cref="ReduceMethod.Join"/> puts between items.</summary>
    public string Separator { get; init; } = "\n\n";

    /// <inheritdoc />
    public override StageKind Kind => StageKind.Reduce;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts => [];

    /// <inheritdoc />
    public override IEnumerable<(string Field, string Name)> References => [("from", From)];
}
