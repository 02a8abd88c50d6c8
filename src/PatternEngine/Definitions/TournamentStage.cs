using System.Collections.Immutable;

namespace PatternEngine.Definitions;

/// <summary>Ranks candidates by pairwise judging; its value is the winning candidate.</summary>
public sealed record TournamentStage : StageDefinition
{
    /// <summary>The stages or list inputs that may hold the candidates; the first that has any is used.</summary>
    public required ImmutableArray<string> Candidates { get; init; }

    /// <summary>How candidates are paired.</summary>
    public BracketKind Bracket { get; init; } = BracketKind.Knockout;

    /// <summary>The judge call; <c>a</c> and <c>b</c> are bound, and the reply names A or B.</summary>
    public required PromptSpec Judge { get; init; }

    /// <inheritdoc />
    public override StageKind Kind => StageKind.Tournament;

    /// <inheritdoc />
    public override IEnumerable<PromptSlot> Prompts => [new("judge", Judge, ["a", "b"])];

    /// <inheritdoc />
    public override IEnumerable<(string Field, string Name)> References => Candidates.Select(c => ("candidates", c));
}
