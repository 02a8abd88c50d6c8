using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages.Map;

/// <summary>One call per item of an earlier list, concurrently; the value keeps the list's order whatever order calls finish in.</summary>
internal sealed class MapNode(MapStage definition, ImmutableArray<string> dependsOn, PromptCall body)
    : StageNode(definition, dependsOn)
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => [("body", body)];

    public override JsonObject PlanSettings => new() { ["over"] = definition.Over, ["as"] = definition.As };

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var source = context.ValueOf(definition.Over);
        if (!source.IsList)
        {
            context.AddIssue($"'{definition.Over}' did not produce a list; its value is mapped as a list of {source.AsList().Length}");
        }

        var items = source.AsList();
        var results = await Task.WhenAll(items.Select((item, index) =>
            context.CallAsync(body, index, (definition.As, item ?? ""), ("index", index)))).ConfigureAwait(false);
        var details = ToolDetails.Of(results) ?? [];
        details["items"] = items.Length;
        return new StageOutcome(StageValue.List(results.Select(r => r.Answer.Value.Text)), details);
    }
}
