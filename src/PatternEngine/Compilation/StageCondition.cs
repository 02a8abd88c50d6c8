using System.Diagnostics.CodeAnalysis;
using PatternEngine.Execution;
using PatternEngine.Templates;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace PatternEngine.Compilation;

/// <summary>
/// A stage's <c>when</c> expression, parsed once. True and false are themselves; text is true when it is not
/// blank; nothing is false; anything else follows Scriban's truth. Each evaluation is bounded like a template render
/// (<see cref="InputLimits.EvaluationTimeout"/>, loop and recursion limits, regexes under
/// <see cref="InputLimits.RegexTimeout"/>) and ends at once when the run is cancelled.
/// </summary>
internal sealed class StageCondition(string expression)
{
    private readonly Template _template = Template.Parse(expression, lexerOptions: new LexerOptions { Mode = ScriptMode.ScriptOnly });

    public string Expression { get; } = expression;

    /// <summary>Whether the stage runs; an expression that fails or runs out of time is false, and says why.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public (bool Met, string? Issue) Evaluate(IReadOnlyDictionary<string, StageValue> values, CancellationToken cancellationToken) =>
        Evaluate(values, null, cancellationToken);

    /// <summary>As <see cref="Evaluate(IReadOnlyDictionary{string, StageValue}, CancellationToken)"/>, with <c>details</c> bound to each stage's details by id.</summary>
    [SuppressMessage("Design", "CA1031", Justification = "A when expression that fails at run time is false with an issue; it never fails the run.")]
    public (bool Met, string? Issue) Evaluate(IReadOnlyDictionary<string, StageValue> values, System.Text.Json.Nodes.JsonObject? details, CancellationToken cancellationToken)
    {
        var globals = new ScriptObject(StringComparer.Ordinal);
        if (details is not null)
        {
            globals.SetValue("details", ScriptValues.FromJson(details), readOnly: true);
        }

        foreach (var (name, value) in values)
        {
            globals.SetValue(name, ScriptValues.From(value.ToTemplateValue()), readOnly: true);
        }

        using var deadline = new EvaluationDeadline();
        var context = new TemplateContext(SharedBuiltins.Instance)
        {
            StrictVariables = true,
            LoopLimit = InputLimits.TemplateLoopLimit,
            RecursiveLimit = InputLimits.TemplateRecursionLimit,
            RegexTimeOut = InputLimits.RegexTimeout,
            CancellationToken = deadline.Start(cancellationToken),
        };
        context.PushGlobal(globals);
        try
        {
            var met = _template.Evaluate(context) switch
            {
                bool truth => truth,
                string text => !string.IsNullOrWhiteSpace(text),
                null => false,
                var other => context.ToBool(default, other),
            };
            return (met, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (false, $"its when expression could not be evaluated ({TemplateFailure.Describe(e, cancellationToken)}); the stage was skipped");
        }
    }
}
