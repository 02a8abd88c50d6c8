using PatternEngine.Bench;
using PatternEngine.Definitions;
using PatternEngine.Selection;

namespace PatternEngine.Cli.Commands;

/// <summary>
/// Loads a routing plan for a pattern and checks that it fits: same pattern, stages that exist (stages of included
/// patterns by their qualified ids).
/// </summary>
internal static class PlanCheck
{
    /// <exception cref="SelectionInputException">The plan does not read, or is for another pattern or other stages.</exception>
    public static RoutingPlan Load(string planFile, PatternDefinition definition, string patternPath, TextWriter warnings)
    {
        var plan = RoutingPlanFile.Load(planFile);
        if (!string.Equals(plan.Pattern, definition.Name, StringComparison.Ordinal))
        {
            throw new SelectionInputException($"{planFile}: the plan is for pattern '{plan.Pattern}', not '{definition.Name}'");
        }

        var stages = QualifiedStages.Of(definition).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        if (plan.Stages.FirstOrDefault(s => !stages.Contains(s.Stage)) is { } unknown)
        {
            throw new SelectionInputException($"{planFile}: the plan routes stage '{unknown.Stage}', which '{definition.Name}' does not have; select again");
        }

        if (!string.Equals(plan.PatternHash, BenchEntry.HashFile(patternPath), StringComparison.Ordinal))
        {
            warnings.WriteLine($"warning: {planFile} was made for another version of {patternPath}; its profiles may no longer hold");
        }

        return plan;
    }
}
