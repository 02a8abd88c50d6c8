using PatternEngine.Compilation;
using PatternEngine.Execution;

namespace PatternEngine.Stages;

/// <summary>What a fan-out does per sample or a map per item: one prompt call, or a run of an included pattern.</summary>
internal abstract class StageBody
{
    /// <summary>The prompts the body sends itself (an included pattern's are in its own plan).</summary>
    public abstract IEnumerable<(string Field, PromptCall Call)> Calls { get; }

    /// <summary>The pattern the body runs, if it runs one.</summary>
    public virtual Pattern.IncludedPattern? Included => null;

    /// <summary>Runs the body for sample or item <paramref name="index"/>, with the names the stage binds for it.</summary>
    public abstract Task<BodyResult> RunAsync(StageContext context, int index, params (string Name, object? Value)[] locals);
}

/// <summary>What a body produced: its value, and the prompt call's result when it made one (for its tool calls).</summary>
internal sealed record BodyResult(StageValue Value, PromptResult? Prompt);
