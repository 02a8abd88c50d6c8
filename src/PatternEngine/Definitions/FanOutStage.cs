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

    /// <summary>
    /// The rule that stops sampling once the answers are settled; null for none (or the decided plurality when
    /// <see cref="EarlyStop"/> is set, which is the same as <see cref="StopRule.DecidedPlurality"/>).
    /// </summary>
    public StopRule? Stop { get; init; }

    /// <summary>The stopping rule in force: <see cref="Stop"/>, or the decided plurality for <see cref="EarlyStop"/>.</summary>
    public StopRule? EffectiveStop => Stop ?? (EarlyStop ? StopRule.DecidedPlurality : null);

    /// <summary>The call each sample makes, unless it runs <see cref="PatternBody"/>; <c>index</c> (0-based) is bound while rendering it.</summary>
    public PromptSpec? Body { get; init; }

    /// <summary>The pattern run instead of <see cref="Body"/> (exactly one of them is set); each sample runs it, with <c>index</c> bound for its bindings.</summary>
    public PatternCall? PatternBody { get; init; }

    /// <inheritdoc />
    public override StageKind Kind => StageKind.FanOut;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts => Body is null ? [] : [new("body", Body, ["index"])];

    /// <inheritdoc />
    public override PatternCall? Includes => PatternBody;

    /// <inheritdoc />
    public override bool IncludesPerItem => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> IncludeLocals => ["index"];
}
