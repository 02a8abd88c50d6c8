using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PatternEngine.Compilation;
using PatternEngine.Definitions;

namespace PatternEngine.Stages.Pattern;

/// <summary>Runs an included pattern once; the value is its output, and the record nests its stages.</summary>
internal sealed class PatternNode(PatternStage definition, ImmutableArray<string> dependsOn, IncludedPattern included)
    : StageNode(definition, dependsOn)
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => [];

    public override IncludedPattern Included => included;

    public override IReadOnlyDictionary<string, string> PlanSettings => new Dictionary<string, string>
    {
        ["pattern"] = included.Pattern.Definition.Name,
    };

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var value = await included.RunAsync(context, 0).ConfigureAwait(false);
        var details = new JsonObject
        {
            ["pattern"] = included.Pattern.Definition.Name,
            ["version"] = included.Pattern.Definition.Version,
            ["seed"] = context.SeedFor(0),
        };
        return new StageOutcome(value, details);
    }
}
