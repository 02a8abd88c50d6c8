using System.Collections.Immutable;
using PatternEngine.Compilation;
using PatternEngine.Definitions;

namespace PatternEngine.Stages.Prompt;

/// <summary>One call; the value is the parsed answer.</summary>
internal sealed class PromptNode(PromptStage definition, ImmutableArray<string> dependsOn, PromptCall call)
    : StageNode(definition, dependsOn)
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => [("prompt", call)];

    public override IReadOnlyDictionary<string, string> PlanSettings => ImmutableDictionary<string, string>.Empty;

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var result = await context.CallAsync(call, 0).ConfigureAwait(false);
        return new StageOutcome(result.Answer.Value, ToolDetails.Of(result));
    }
}
