using System.Collections.Immutable;
using PatternEngine.Definitions;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Selection;

/// <summary>Chooses a model for every stage of a pattern and makes the routing plan of the choices.</summary>
public static class PatternSelection
{
    /// <summary>
    /// A choice per stage, in file order (the stages of included patterns by their qualified ids, in place of the stage
    /// that runs them): among the model ids <paramref name="candidates"/> (listed in <paramref name="catalog"/> or
    /// not), each on its measured profile of the stage, or on its prior when it has none.
    /// </summary>
    public static ImmutableArray<StageChoice> Choose(
        PatternDefinition definition,
        IReadOnlyList<string> candidates,
        ModelCatalog catalog,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, StageProfile>> profiles,
        Slo slo,
        RoutingMode mode)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(profiles);
        return [.. QualifiedStages.Of(definition).Select(stage =>
        {
            if (!StageModels.CallsModel(stage.Stage))
            {
                return ModelSelector.NoModel(stage.Id);
            }

            var measured = profiles.GetValueOrDefault(stage.Id);
            var stageProfiles = candidates
                .Select(id => measured?.GetValueOrDefault(id) ?? ProfilePrior.For(id, catalog.Find(id), stage))
                .ToList();
            return ModelSelector.Choose(stage.Id, stageProfiles, slo, mode);
        })];
    }

    /// <summary>The plan of feasible choices (version 0: not stored yet).</summary>
    /// <exception cref="ArgumentException">A stage has no feasible choice.</exception>
    public static RoutingPlan Plan(
        PatternDefinition definition, string patternHash, ModelCatalog catalog, IReadOnlyList<StageChoice> choices, Slo slo, RoutingMode mode)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.FirstOrDefault(c => !c.IsFeasible) is { } infeasible)
        {
            throw new ArgumentException($"stage '{infeasible.Stage}' has no model that meets the targets", nameof(choices));
        }

        return new RoutingPlan
        {
            Pattern = definition.Name,
            PatternHash = patternHash,
            Mode = mode,
            PatternMode = definition.Mode,
            Slo = slo,
            Stages = [.. choices.Select(c => new PlannedStage
            {
                Stage = c.Stage,
                Model = c.Chosen?.Model,
                Version = c.Chosen is { } chosen ? catalog.Find(chosen.Model)?.Version : null,
                Rationale = c.Rationale,
            })],
        };
    }
}
