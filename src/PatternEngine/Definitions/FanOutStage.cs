namespace PatternEngine.Definitions;

/// <summary>Makes the same call <see cref="Count"/> times; its value is the list of answers.</summary>
public sealed record FanOutStage : StageDefinition
{
    /// <summary>The largest count a file may ask for.</summary>
    public const int MaxCount = 64;

    /// <summary>How many samples to take.</summary>
    public required int Count { get; init; }

    /// <summary>
    /// Stop sampling once no other answer can still win a plurality vote (adaptive self-consistency): samples
    /// are drawn in the smallest concurrent waves that could decide the vote, and the record says how many were saved.
    /// </summary>
    public bool EarlyStop { get; init; }

    /// <summary>The call each sample makes; <c>index</c> (0-based) is bound while rendering it.</summary>
    public required PromptSpec Body { get; init; }

    /// <inheritdoc />
    public override StageKind Kind => StageKind.FanOut;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts => [new("body", Body, ["index"])];
}
