using PatternEngine.Execution;
using PatternEngine.Templates;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace PatternEngine.Compilation;

/// <summary>
/// A stage's <c>when</c> expression, parsed once. True and false are themselves; text is true when it is not
/// blank; nothing is false; anything else follows Scriban's truth.
/// </summary>
internal sealed class StageCondition(string expression)
{
    private readonly Template _template = Template.Parse(expression, lexerOptions: new LexerOptions { Mode = ScriptMode.ScriptOnly });

    public string Expression { get; } = expression;

    public bool IsMet(IReadOnlyDictionary<string, StageValue> values)
    {
        var globals = new ScriptObject(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            globals.SetValue(name, ScriptValues.From(value.ToTemplateValue()), readOnly: true);
        }

        var context = new TemplateContext(SharedBuiltins.Instance) { StrictVariables = true, LoopLimit = 10_000 };
        context.PushGlobal(globals);
        return _template.Evaluate(context) switch
        {
            bool truth => truth,
            string text => !string.IsNullOrWhiteSpace(text),
            null => false,
            var other => context.ToBool(default, other),
        };
    }
}
