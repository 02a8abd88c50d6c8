using System.Collections.Immutable;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages;

/// <summary>A compiled stage: the primitive's behaviour over its definition, and the stages it waits for.</summary>
internal abstract class StageNode(StageDefinition definition, ImmutableArray<string> dependsOn)
{
    public StageDefinition Definition { get; } = definition;

    public string Id => Definition.Id;

    public ImmutableArray<string> DependsOn { get; } = dependsOn;

    /// <summary>The stage's <c>when</c>, parsed once; null when the stage always runs.</summary>
    public StageCondition? Condition { get; } = definition.When is { } when ? new StageCondition(when) : null;

    /// <summary>The value of the stage when its condition skips it: an empty list for list stages, else nothing.</summary>
    public virtual StageValue SkippedValue => StageValue.None;

    /// <summary>The prompts the stage sends, by the field they were written under.</summary>
    public abstract IEnumerable<(string Field, PromptCall Call)> Calls { get; }

    /// <summary>The pattern the stage runs (a pattern stage, or a pattern body), if it runs one.</summary>
    public virtual Pattern.IncludedPattern? Included => null;

    /// <summary>The primitive's own settings, for the compiled plan.</summary>
    public abstract IReadOnlyDictionary<string, string> PlanSettings { get; }

    public abstract Task<StageOutcome> RunAsync(StageContext context);
}
