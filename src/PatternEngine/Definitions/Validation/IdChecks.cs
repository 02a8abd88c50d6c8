using PatternEngine.Templates;

namespace PatternEngine.Definitions.Validation;

/// <summary>Stage ids are unique, distinct from input names, and the output names a stage.</summary>
internal static class IdChecks
{
    public static void Run(ValidationContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in context.Pattern.Stages)
        {
            if (!seen.Add(stage.Id))
            {
                context.Report(stage.Source.Of("id"), $"duplicate stage id '{stage.Id}'; every stage needs an id of its own");
            }
            else if (TemplateVariables.ReservedNames.Contains(stage.Id))
            {
                context.Report(stage.Source.Of("id"), $"stage id '{stage.Id}' is a name templates reserve (Scriban's built-ins and role); rename the stage");
            }
            else if (context.InputNames.Contains(stage.Id))
            {
                context.Report(stage.Source.Of("id"), $"stage id '{stage.Id}' is also an input's name; rename one so templates can tell them apart");
            }
        }

        foreach (var input in context.Pattern.Inputs.Where(i => TemplateVariables.ReservedNames.Contains(i.Name)))
        {
            context.Report(input.Source.Start, $"input name '{input.Name}' is a name templates reserve (Scriban's built-ins and role); rename the input");
        }

        if (!context.StagesById.ContainsKey(context.Pattern.Output))
        {
            context.Report(
                context.Pattern.Source.Of("output"),
                $"output names unknown stage '{context.Pattern.Output}'; name one of {string.Join(", ", context.StagesById.Keys.Select(k => $"'{k}'"))}");
        }
    }
}
