using System.Collections.Immutable;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages.Map;

/// <summary>
/// One call (or included pattern run) per item of an earlier list, concurrently; the value keeps the list's order
/// whatever order calls finish in.
/// </summary>
internal sealed class MapNode(MapStage definition, ImmutableArray<string> dependsOn, StageBody body)
    : StageNode(definition, dependsOn)
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => body.Calls;

    public override Pattern.IncludedPattern? Included => body.Included;

    public override IReadOnlyDictionary<string, string> PlanSettings => new Dictionary<string, string>
    {
        ["over"] = definition.Over,
        ["as"] = definition.As,
    };

    public override StageValue SkippedValue => StageValue.List([]);

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var source = context.ValueOf(definition.Over);
        if (!source.IsList)
        {
            context.AddIssue($"'{definition.Over}' did not produce a list; its value is mapped as a list of {source.AsList().Length}");
        }

        var items = source.AsList();
        if (items.Length > InputLimits.MaxListItems)
        {
            context.AddIssue($"'{definition.Over}' has {items.Length:N0} items; a map runs over at most {InputLimits.MaxListItems:N0}, so no call was made");
            return new StageOutcome(StageValue.List([]), new System.Text.Json.Nodes.JsonObject { ["items"] = items.Length });
        }

        var results = await Task.WhenAll(items.Select((item, index) => MapItemAsync(context, item, index))).ConfigureAwait(false);
        var details = ToolDetails.Of([.. results.Select(r => r?.Prompt).OfType<PromptResult>()]) ?? [];
        if (body.Included is { } included)
        {
            details["pattern"] = included.Pattern.Definition.Name;
        }

        details["items"] = items.Length;
        return new StageOutcome(StageValue.List(results.Select(r => r?.Value.AsItem())), details);
    }

    // An item with no value (a sample that could not be parsed) is not worth a call: it stays empty.
    private async Task<BodyResult?> MapItemAsync(StageContext context, string? item, int index)
    {
        if (item is null)
        {
            context.AddIssue($"item {index} of '{definition.Over}' has no value; it was not mapped");
            return null;
        }

        return await body.RunAsync(context, index, (definition.As, item), ("index", index)).ConfigureAwait(false);
    }
}
