using System.Globalization;
using System.Collections.Immutable;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages.FanOut;

/// <summary>The same call made <c>count</c> times, concurrently, each with its own seed; the value is the list of answers.</summary>
internal sealed class FanOutNode(FanOutStage definition, ImmutableArray<string> dependsOn, PromptCall body)
    : StageNode(definition, dependsOn)
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => [("body", body)];

    public override IReadOnlyDictionary<string, string> PlanSettings => new Dictionary<string, string>
    {
        ["count"] = definition.Count.ToString(CultureInfo.InvariantCulture),
    };

    public override StageValue SkippedValue => StageValue.List([]);

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var samples = await Task.WhenAll(Enumerable.Range(0, definition.Count)
            .Select(index => context.CallAsync(body, index, ("index", index)))).ConfigureAwait(false);
        var values = samples.Select(s => s.Answer.Value.AsItem()).ToList();
        var details = ToolDetails.Of(samples) ?? [];
        details["samples"] = definition.Count;
        details["parsed"] = values.Count(v => v is not null);
        return new StageOutcome(StageValue.List(values), details);
    }
}
