using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
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
/// Either way the value is then typed as the included pattern declares the input. Each evaluation is bounded like a
/// template render and a <c>when</c> (<see cref="InputLimits"/>) and ends at once when the run is cancelled.
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
    /// reason, when a value does not fit the input's type (a model's answer can be anything) or its binding fails or
    /// runs past its limits.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    [SuppressMessage("Design", "CA1031", Justification = "A binding that fails at run time leaves an issue on its stage; it never fails the run.")]
    public IReadOnlyDictionary<string, StageValue>? Evaluate(
        IReadOnlyDictionary<string, StageValue> values, (string Name, object? Value)[] locals, CancellationToken cancellationToken, out string? problem)
    {
        problem = null;
        var inputs = new Dictionary<string, StageValue>(_bindings.Length, StringComparer.Ordinal);
        if (_bindings.IsEmpty)
        {
            return inputs;
        }

        var globals = Globals(values, locals);
        using var deadline = new EvaluationDeadline();
        foreach (var binding in _bindings)
        {
            object? value;
            try
            {
                // A context per binding, so that no binding's output or assignments reach the next.
                var context = Context(globals, deadline.Start(cancellationToken));
                value = binding.Expression is { } expression ? context.Evaluate(expression) : binding.Template.Render(context);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problem = $"input '{binding.Name}' could not be evaluated: {TemplateFailure.Describe(e, cancellationToken)}";
                return null;
            }
            finally
            {
                deadline.Stop();
            }

            if (value is string { Length: > InputLimits.MaxPromptChars })
            {
                problem = $"input '{binding.Name}' is longer than {InputLimits.MaxPromptChars:N0} characters (the prompt limit); it is not cut short";
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

    private static TemplateContext Context(ScriptObject globals, CancellationToken deadline)
    {
        var context = new TemplateContext(SharedBuiltins.Instance)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = InputLimits.TemplateLoopLimit,
            RecursiveLimit = InputLimits.TemplateRecursionLimit,
            RegexTimeOut = InputLimits.RegexTimeout,
            LimitToString = InputLimits.MaxPromptChars + 1, // one more than a bound value may have: refused, never cut short
            CancellationToken = deadline,
        };
        context.PushGlobal(globals);
        context.PushGlobal(new ScriptObject(StringComparer.Ordinal)); // what a binding assigns stays in its own scope
        return context;
    }

    private sealed record Binding(string Name, InputType Type, Template Template, ScriptExpression? Expression);
}
