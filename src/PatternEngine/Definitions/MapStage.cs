namespace PatternEngine.Definitions;

/// <summary>Makes one call per item of a list an earlier stage produced; its value is the answers in the list's order.</summary>
public sealed record MapStage : StageDefinition
{
    /// <summary>The stage (or list input) whose items are mapped.</summary>
    public required string Over { get; init; }

    /// <summary>The name each item is bound to while rendering the body.</summary>
    public string As { get; init; } = "item";

    /// <summary>The call made per item, unless it runs <see cref="PatternBody"/>; <see cref="As"/> and <c>index</c> are bound while rendering it.</summary>
    public PromptSpec? Body { get; init; }

    /// <summary>The pattern run instead of <see cref="Body"/> (exactly one of them is set); each item runs it, with <see cref="As"/> and <c>index</c> bound for its bindings.</summary>
    public PatternCall? PatternBody { get; init; }

    /// <inheritdoc />
    public override StageKind Kind => StageKind.Map;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts => Body is null ? [] : [new("body", Body, [As, "index"])];

    /// <inheritdoc />
    public override PatternCall? Includes => PatternBody;

    /// <inheritdoc />
    public override bool IncludesPerItem => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> IncludeLocals => [As, "index"];

    /// <inheritdoc />
    public override IEnumerable<(string Field, string Name)> References => [("over", Over)];
}
