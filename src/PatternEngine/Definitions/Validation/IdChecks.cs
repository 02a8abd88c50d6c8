using System.Text.RegularExpressions;
using PatternEngine.Templates;

namespace PatternEngine.Definitions.Validation;

/// <summary>Stage ids are unique, distinct from input names, and the output names a stage.</summary>
internal static partial class IdChecks
{
    public static void Run(ValidationContext context)
    {
        CheckForms(context);
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

    // The file-format schema says the same with '$', which .NET lets match before a final line break ("a\n"); these
    // are whole-text matches, and they check definitions built in code too.
    private static void CheckForms(ValidationContext context)
    {
        // A name made in code may be any one line (compare names its variants "x-A-v1-fast"); files are held to the schema's form.
        var pattern = context.Pattern;
        if (pattern.Name.Any(char.IsControl))
        {
            context.Report(pattern.Source.Of("name"), $"the pattern's name {Shown(pattern.Name)} holds a line break or another control character");
        }

        foreach (var (name, at, what) in Identifiers(pattern).Where(i => !Identifier().IsMatch(i.Name)))
        {
            context.Report(at, $"{what} {Shown(name)} must be lower-case letters, digits and underscores, starting with a letter or underscore");
        }
    }

    private static IEnumerable<(string Name, SourceLocation At, string What)> Identifiers(PatternDefinition pattern)
    {
        foreach (var input in pattern.Inputs)
        {
            yield return (input.Name, input.Source.Start, "the input name");
        }

        foreach (var stage in pattern.Stages)
        {
            yield return (stage.Id, stage.Source.Of("id"), "the stage id");
            if (stage is MapStage map)
            {
                yield return (map.As, map.Source.Of("as"), "the map's 'as'");
            }
        }
    }

    private static string Shown(string name) => System.Text.Json.JsonSerializer.Serialize(name);

    [GeneratedRegex(@"\A[a-z_][a-z0-9_]*\z")]
    private static partial Regex Identifier();
}
