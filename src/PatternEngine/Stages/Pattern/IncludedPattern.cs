using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages.Pattern;

/// <summary>
/// A pattern another one runs: compiled once, with its input bindings. Each run is a sub-run of the including
/// stage, with its own seed, its stages recorded under the stage's qualified id (<c>reasoned.answer</c>, or
/// <c>points[2].critique</c> per item) and its calls measured once, where they are made.
/// </summary>
internal sealed class IncludedPattern(CompiledPattern pattern, InputBindings bindings, bool perItem)
{
    public CompiledPattern Pattern { get; } = pattern;

    /// <summary>Whether it runs once per sample or item (a body) rather than once (a stage).</summary>
    public bool PerItem { get; } = perItem;

    /// <summary>
    /// Runs it for sample or item <paramref name="index"/> (0 for a stage); its output is the value. Inputs that do
    /// not fit leave an issue and no value, as an answer that does not parse does.
    /// </summary>
    public async Task<StageValue> RunAsync(StageContext context, int index, params (string Name, object? Value)[] locals)
    {
        var which = PerItem ? $"item {index}: " : "";
        if (bindings.Evaluate(context.Values, locals, context.CancellationToken, out var problem) is not { } given)
        {
            context.AddIssue($"{which}{problem}; pattern '{Pattern.Definition.Name}' was not run");
            return StageValue.None;
        }

        IReadOnlyDictionary<string, StageValue> inputs;
        try
        {
            inputs = InputBinder.BindValues(Pattern.Definition, given);
        }
        catch (PatternInputException e)
        {
            context.AddIssue($"{which}{e.Message}; it was not run");
            return StageValue.None;
        }

        var prefix = PerItem ? QualifiedStages.ItemPrefix(context.QualifiedId, index) : context.QualifiedId + ".";
        var record = await context.RunPatternAsync(Pattern, inputs, index, prefix).ConfigureAwait(false);
        return record.Output;
    }
}
