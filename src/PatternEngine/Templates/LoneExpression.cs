using Scriban;
using Scriban.Syntax;

namespace PatternEngine.Templates;

/// <summary>
/// A template that is one expression alone (<c>"{{ flag }}"</c>, <c>"{{ n + 1 }}"</c>): a binding written so keeps
/// its value's type (a boolean, a number, an array) instead of rendering it as text.
/// </summary>
internal static class LoneExpression
{
    /// <summary>The expression, or null when the template has text around it, several statements, or none.</summary>
    public static ScriptExpression? Of(Template template)
    {
        ScriptExpression? lone = null;
        foreach (var statement in template.Page?.Body?.Statements ?? [])
        {
            switch (statement)
            {
                case ScriptRawStatement raw when string.IsNullOrWhiteSpace(raw.Text.ToString()):
                case ScriptEscapeStatement: // the {{ and }} around code
                    continue;
                case ScriptExpressionStatement { Expression: { } expression } when lone is null:
                    lone = expression;
                    continue;
                default:
                    return null;
            }
        }

        return lone;
    }

    /// <summary>Whether the template has no code at all, only text.</summary>
    public static bool IsText(Template template) =>
        template.Page?.Body?.Statements.All(s => s is ScriptRawStatement) ?? true;
}
