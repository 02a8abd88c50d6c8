using PatternEngine.Templates;
using Scriban;
using Scriban.Parsing;

namespace PatternEngine.Definitions.Validation;

/// <summary>
/// A template (or a <c>when</c> expression) parses, and reads only inputs, other stages (which makes them
/// dependencies) and the names its stage binds.
/// </summary>
internal static class ScriptCheck
{
    private static readonly LexerOptions ExpressionMode = new() { Mode = ScriptMode.ScriptOnly };

    public static void Run(
        ValidationContext context, StageDefinition stage, string text, string field, SourceLocation start,
        IReadOnlyList<string> locals, string binder, bool expression = false)
    {
        var template = expression ? Template.Parse(text, lexerOptions: ExpressionMode) : Template.Parse(text);
        var what = expression ? "expression" : "template";
        if (template.HasErrors)
        {
            foreach (var message in template.Messages)
            {
                var at = context.Locator.Locate(start, message.Span.Start.Line, message.Span.Start.Column);
                context.Report(at, $"the {field} {(expression ? what + " " : "")}of stage '{stage.Id}' is not valid Scriban: {message.Message}");
            }

            return;
        }

        foreach (var variable in TemplateVariables.Of(template))
        {
            var at = context.Locator.Locate(start, variable.Line, variable.Column);
            if (locals.Contains(variable.Name) || context.InputNames.Contains(variable.Name))
            {
                continue;
            }

            if (variable.Name == stage.Id)
            {
                context.Report(at, $"stage '{stage.Id}' reads its own value '{variable.Name}'; a stage can read inputs and other stages only");
            }
            else if (context.StagesById.ContainsKey(variable.Name))
            {
                context.AddDependency(stage, variable.Name, at);
            }
            else
            {
                var bound = locals.Count == 0 ? "" : $", or what {binder} binds ({string.Join(", ", locals)})";
                context.Report(at, $"undeclared variable '{variable.Name}' in the {field} of stage '{stage.Id}'; declare it under inputs or use a stage id ({context.KnownNames()}){bound}");
            }
        }
    }
}
