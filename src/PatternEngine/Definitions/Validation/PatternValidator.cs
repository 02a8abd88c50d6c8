using PatternEngine.Definitions.Loading;

namespace PatternEngine.Definitions.Validation;

/// <summary>
/// The checks the file-format schema cannot make: ids and references, the DAG, templates and their variables,
/// regexes, JSON paths, output schemas and ranges. Runs on files and on definitions built in code alike.
/// </summary>
internal static class PatternValidator
{
    public static IReadOnlyList<Diagnostic> Validate(PatternDefinition pattern, TemplateLocator? locator = null) =>
        Analyze(pattern, locator).Diagnostics;

    /// <summary>The diagnostics, and for each stage the stages it depends on (valid only without diagnostics).</summary>
    public static PatternAnalysis Analyze(PatternDefinition pattern, TemplateLocator? locator = null)
    {
        var context = new ValidationContext(pattern, locator ?? TemplateLocator.ForCode);
        IdChecks.Run(context);
        InputChecks.Run(context);
        ReferenceChecks.Run(context);
        ModeChecks.Run(context);
        foreach (var stage in pattern.Stages)
        {
            RangeChecks.Run(context, stage);
            IncludeChecks.Run(context, stage);
            if (stage.When is { } when)
            {
                ScriptCheck.Run(context, stage, when, "when", stage.Source.Of("when"), [], "", expression: true);
            }

            foreach (var slot in stage.Prompts)
            {
                PromptChecks.Run(context, stage, slot);
            }
        }

        if (context.Diagnostics.Count == 0)
        {
            CycleCheck.Run(context);
        }

        var dependencies = context.StagesById.Keys.ToDictionary(
            id => id,
            id => (IReadOnlyList<string>)[.. (context.Dependencies.GetValueOrDefault(id) ?? []).Select(d => d.StageId).Distinct()],
            StringComparer.Ordinal);
        return new PatternAnalysis([.. context.Diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column)], dependencies);
    }
}

/// <summary>What validation found: the problems, and the stage dependencies it traced on the way.</summary>
internal sealed record PatternAnalysis(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyDictionary<string, IReadOnlyList<string>> Dependencies);
