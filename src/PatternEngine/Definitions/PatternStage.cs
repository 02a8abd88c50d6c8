namespace PatternEngine.Definitions;

/// <summary>
/// Runs another pattern; its value is that pattern's output, and its record nests the included run's stages under
/// qualified ids (<c>reasoned.answer</c>). Makes no model call of its own.
/// </summary>
public sealed record PatternStage : StageDefinition
{
    /// <summary>The pattern it runs and how its inputs are bound.</summary>
    public required PatternCall Call { get; init; }

    /// <inheritdoc />
    public override StageKind Kind => StageKind.Pattern;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts => [];

    /// <inheritdoc />
    public override PatternCall? Includes => Call;
}
