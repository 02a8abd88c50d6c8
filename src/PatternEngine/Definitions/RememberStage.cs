using System.Collections.Immutable;

namespace PatternEngine.Definitions;

/// <summary>
/// Stores facts in the memory of the conversation the run is a turn of. Each named value gives facts: a text is one
/// fact (or, when it is a JSON array of texts or an object with a <c>facts</c> array, each of those: what an extracting
/// prompt answers), a list gives one per item. Makes no model call; its value is the facts it stored.
/// </summary>
public sealed record RememberStage : StageDefinition
{
    /// <summary>The inputs or stages whose values are remembered, in order.</summary>
    public required ImmutableArray<string> From { get; init; }

    /// <inheritdoc />
    public override StageKind Kind => StageKind.Remember;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts => [];

    /// <inheritdoc />
    public override IEnumerable<(string Field, string Name)> References => From.Select(name => ("from", name));
}
