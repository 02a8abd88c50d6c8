namespace PatternEngine.Definitions.Validation;

/// <summary>Fields that name a stage or list input (<c>from</c>, <c>over</c>, <c>candidates</c>) name one that exists.</summary>
internal static class ReferenceChecks
{
    public static void Run(ValidationContext context)
    {
        foreach (var stage in context.Pattern.Stages)
        {
            foreach (var (field, name) in stage.References)
            {
                var at = stage.Source.Of(field);
                if (name == stage.Id)
                {
                    context.Report(at, $"stage '{stage.Id}' names itself in '{field}'; name an earlier stage");
                }
                else if (context.StagesById.TryGetValue(name, out var target))
                {
                    context.AddDependency(stage, name, at);
                    CheckProducesWhatIsNeeded(context, stage, field, target, at);
                }
                else if (!context.InputNames.Contains(name))
                {
                    context.Report(at, $"'{field}' names unknown stage or input '{name}'; known names are {context.KnownNames()}");
                }
            }
        }
    }

    // A stage that yields one value cannot be mapped, voted on or ranked: its list would always have one item. A
    // refine takes either: fed a list, it refines each item.
    private static void CheckProducesWhatIsNeeded(ValidationContext context, StageDefinition stage, string field, StageDefinition target, SourceLocation at)
    {
        var needsList = stage is MapStage or TournamentStage or ReduceStage;
        if (needsList && ValueShapes.Of(context, target) == ValueShape.One)
        {
            context.Report(at, $"'{field}' names stage '{target.Id}', which yields one value, but a {stage.Kind.ToString().ToLowerInvariant()} stage needs a list (from fan_out, map, a refine of a list, or a prompt that extracts a JSON array)");
        }
    }
}
