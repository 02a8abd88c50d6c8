namespace PatternEngine.Definitions.Validation;

/// <summary>Whether a value is one text, a list, or cannot be told before the run.</summary>
internal enum ValueShape
{
    Unknown,
    One,
    List,
}

/// <summary>
/// What a stage yields, as far as its definition tells: fan-outs and maps a list; reduce and tournament one value;
/// refine a list when it is fed one (it refines each item), else one draft; a pattern stage what its pattern's output
/// yields; a prompt one text or, when it parses JSON, possibly a list.
/// </summary>
internal static class ValueShapes
{
    public static ValueShape Of(ValidationContext context, StageDefinition stage) => Of(context.Pattern, stage, Seen());

    private static ValueShape Of(PatternDefinition pattern, StageDefinition stage, HashSet<StageDefinition> seen)
    {
        if (!seen.Add(stage))
        {
            return ValueShape.Unknown; // a cycle, reported elsewhere
        }

        return stage switch
        {
            FanOutStage or MapStage or RememberStage or RecallStage => ValueShape.List,
            ReduceStage or TournamentStage => ValueShape.One,
            RefineStage refine => FromName(pattern, refine.From, seen) == ValueShape.List ? ValueShape.List : ValueShape.One,
            PatternStage { Call.Definition: { } included } =>
                included.Stages.FirstOrDefault(s => s.Id == included.Output) is { } output ? Of(included, output, Seen()) : ValueShape.Unknown,
            _ => ValueShape.Unknown,
        };
    }

    private static HashSet<StageDefinition> Seen() => new(ReferenceEqualityComparer.Instance);

    private static ValueShape FromName(PatternDefinition pattern, string name, HashSet<StageDefinition> seen) =>
        pattern.Stages.FirstOrDefault(s => s.Id == name) is { } stage ? Of(pattern, stage, seen)
        : pattern.Inputs.FirstOrDefault(i => i.Name == name) is { } input ? (input.Type == InputType.List ? ValueShape.List : ValueShape.One)
        : ValueShape.Unknown;
}
