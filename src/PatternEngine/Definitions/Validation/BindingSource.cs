using System.Globalization;
using PatternEngine.Templates;
using Scriban;
using Scriban.Syntax;

namespace PatternEngine.Definitions.Validation;

/// <summary>
/// What a binding template gives, as far as the including pattern tells before a run: a declared type (an input,
/// a literal, a list stage, a body's index), model text (a stage's answer or a map's item, which may read as a
/// number or true/false), constant text, or nothing known (an expression, text around a value).
/// </summary>
internal sealed record BindingSource(BindingSource.Kinds Kind, string Description, string? Constant = null)
{
    public enum Kinds { Unknown, Text, Number, Boolean, List, Answer, Constant }

    /// <summary>Whether a run could bind this to an input of <paramref name="type"/>; a constant is tried as the run would.</summary>
    public bool Fits(InputType type) => (Kind, type) switch
    {
        (Kinds.Unknown, _) => true,
        (Kinds.Constant, _) => Execution.InputValues.FromText(type, Constant!, out _) is not null,
        (Kinds.List, InputType.List) => true,
        (Kinds.List, _) or (_, InputType.List) => false,
        (_, InputType.String) => true,
        (Kinds.Answer, _) => true,
        (Kinds.Number, InputType.Number) or (Kinds.Boolean, InputType.Boolean) => true,
        _ => false,
    };

    public static BindingSource Of(ValidationContext context, StageDefinition stage, string template)
    {
        var parsed = Template.Parse(template);
        if (parsed.HasErrors)
        {
            return new(Kinds.Unknown, "a template"); // the template check reports it
        }

        if (LoneExpression.IsText(parsed))
        {
            return new(Kinds.Constant, $"'{template}'", template);
        }

        return LoneExpression.Of(parsed) switch
        {
            ScriptLiteral { Value: bool truth } => new(Kinds.Boolean, truth ? "true" : "false"),
            ScriptLiteral { Value: string text } => new(Kinds.Constant, $"'{text}'", text),
            ScriptLiteral { Value: IFormattable number } => new(Kinds.Number, "the number " + number.ToString(null, CultureInfo.InvariantCulture)),
            ScriptArrayInitializerExpression => new(Kinds.List, "a list"),
            ScriptVariableGlobal variable => OfName(context, stage, variable.Name),
            null => new(Kinds.Text, "text around a value"),
            _ => new(Kinds.Unknown, "an expression"),
        };
    }

    private static BindingSource OfName(ValidationContext context, StageDefinition stage, string name)
    {
        if (stage.IncludeLocals.Contains(name))
        {
            return name == "index" ? new(Kinds.Number, "index, a number") : new(Kinds.Answer, $"'{name}', an item");
        }

        if (context.Pattern.Inputs.FirstOrDefault(i => i.Name == name) is { } input)
        {
            var kind = input.Type switch
            {
                InputType.Number => Kinds.Number,
                InputType.Boolean => Kinds.Boolean,
                InputType.List => Kinds.List,
                _ => Kinds.Text,
            };
            return new(kind, $"input '{name}', which is {Execution.InputValues.Describe(input.Type)}");
        }

        return context.StagesById.TryGetValue(name, out var source)
            ? ValueShapes.Of(context, source) switch
            {
                ValueShape.List => new(Kinds.List, $"stage '{name}', which yields a list"),
                ValueShape.One => new(Kinds.Answer, $"stage '{name}', which yields one text"),
                _ => new(Kinds.Unknown, $"stage '{name}'"),
            }
            : new(Kinds.Unknown, $"'{name}'");
    }
}
