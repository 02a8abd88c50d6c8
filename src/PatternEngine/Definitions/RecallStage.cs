namespace PatternEngine.Definitions;

/// <summary>
/// Finds the facts of earlier turns of the conversation most relevant to a value (ranked by the memory store: BM25
/// in SQLite), at most <see cref="TopK"/> of them and no more than <see cref="MaxTokens"/> tokens together. Makes no
/// model call; its value is the list of facts, best first.
/// </summary>
public sealed record RecallStage : StageDefinition
{
    /// <summary>The input or stage whose text the facts are ranked against.</summary>
    public required string Query { get; init; }

    /// <summary>The most facts recalled (1 to 50).</summary>
    public int TopK { get; init; } = 5;

    /// <summary>The most tokens (o200k_base estimate) the recalled facts take together (1 to 8192).</summary>
    public int MaxTokens { get; init; } = 256;

    /// <inheritdoc />
    public override StageKind Kind => StageKind.Recall;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts => [];

    /// <inheritdoc />
    public override IEnumerable<(string Field, string Name)> References => [("query", Query)];
}
