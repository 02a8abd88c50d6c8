namespace PatternEngine.Definitions;

/// <summary>One model call; its value is the answer, or what <see cref="PromptSpec.Extract"/> pulls out of it.</summary>
public sealed record PromptStage : StageDefinition
{
    /// <summary>The call.</summary>
    public required PromptSpec Prompt { get; init; }

    /// <inheritdoc />
    public override StageKind Kind => StageKind.Prompt;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts => [new("prompt", Prompt, [])];
}
