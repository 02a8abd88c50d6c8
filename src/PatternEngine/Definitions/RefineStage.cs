namespace PatternEngine.Definitions;

/// <summary>
/// Critiques a draft and revises it, round after round, until the critique matches <see cref="StopWhen"/>
/// or <see cref="MaxRounds"/> is reached. Its value is the last draft.
/// </summary>
public sealed record RefineStage : StageDefinition
{
    /// <summary>The largest round limit a file may ask for.</summary>
    public const int MaxRoundLimit = 10;

    /// <summary>The stage whose value is the first draft.</summary>
    public required string From { get; init; }

    /// <summary>The most critique-and-revise rounds.</summary>
    public int MaxRounds { get; init; } = 2;

    /// <summary>A regular expression that, matched in a critique, accepts the draft and ends the loop.</summary>
    public required string StopWhen { get; init; }

    /// <summary>The critique call; <c>draft</c> and <c>round</c> are bound.</summary>
    public required PromptSpec Critique { get; init; }

    /// <summary>The revision call; <c>draft</c>, <c>critique</c> and <c>round</c> are bound.</summary>
    public required PromptSpec Revise { get; init; }

    /// <inheritdoc />
    public override StageKind Kind => StageKind.Refine;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts =>
        [new("critique", Critique, ["draft", "round"]), new("revise", Revise, ["draft", "critique", "round"])];

    /// <inheritdoc />
    public override IEnumerable<(string Field, string Name)> References => [("from", From)];
}
