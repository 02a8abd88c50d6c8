using System.Collections.Immutable;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Templates;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PatternEngine.Stages.Pattern;

/// <summary>
/// The compiled bindings of an included pattern's inputs: each template parsed once. A template that is one
/// expression alone is evaluated and keeps its value's type (a boolean, a number, an array); any other renders text.
/// Either way the value is then typed as the included pattern declares the input.
/// </summary>
internal sealed class InputBindings
{
    private readonly ImmutableArray<Binding> _bindings;

    public InputBindings(PatternCall call, PatternDefinition included)
    {
        var types = included.Inputs.ToDictionary(i => i.Name, i => i.Type, StringComparer.Ordinal);
        _bindings = [.. call.Inputs.Select(b =>
        {
            var template = Template.Parse(b.Value);
            return new Binding(b.Key, types.GetValueOrDefault(b.Key), template, LoneExpression.Of(template));
        })];
    }

    /// <summary>
    /// The included pattern's inputs from the including run's values and the stage's own bindings; null, with the
    /// reason, when a value does not fit the input's type (a model's answer can be anything).
    /// </summary>
    public IReadOnlyDictionary<string, StageValue>? Evaluate(
        IReadOnlyDictionary<string, StageValue> values, (string Name, object? Value)[] locals, out string? problem)
    {
        problem = null;
        var inputs = new Dictionary<string, StageValue>(_bindings.Length, StringComparer.Ordinal);
        if (_bindings.IsEmpty)
        {
            return inputs;
        }

        var globals = Globals(values, locals);
        foreach (var binding in _bindings)
        {
            object? value;
            try
            {
                // A context per binding, so that no binding's output or assignments reach the next.
                var context = Context(globals);
                value = binding.Expression is { } expression ? context.Evaluate(expression) : binding.Template.Render(context);
            }
            catch (ScriptRuntimeException e)
            {
                problem = $"input '{binding.Name}' could not be evaluated: {e.OriginalMessage}";
                return null;
            }

            if (InputValues.FromObject(binding.Type, value, out var why) is not { } typed)
            {
                problem = $"input '{binding.Name}' {why}";
                return null;
            }

            inputs[binding.Name] = typed;
        }

        return inputs;
    }

    private static ScriptObject Globals(IReadOnlyDictionary<string, StageValue> values, (string Name, object? Value)[] locals)
    {
        var globals = new ScriptObject(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            globals.SetValue(name, ScriptValues.From(value.ToTemplateValue()), readOnly: true);
        }

        foreach (var (name, value) in locals)
        {
            globals.SetValue(name, ScriptValues.From(value), readOnly: true);
        }

        return globals;
    }

    private static TemplateContext Context(ScriptObject globals)
    {
        var context = new TemplateContext(SharedBuiltins.Instance)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 10_000,
            RecursiveLimit = 50,
            RegexTimeOut = TimeSpan.FromSeconds(1),
        };
        context.PushGlobal(globals);
        context.PushGlobal(new ScriptObject(StringComparer.Ordinal)); // what a binding assigns stays in its own scope
        return context;
    }

    private sealed record Binding(string Name, InputType Type, Template Template, ScriptExpression? Expression);
}
