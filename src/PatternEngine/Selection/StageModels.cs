using PatternEngine.Definitions;

namespace PatternEngine.Selection;

/// <summary>
/// Which stages call a model, and a definition whose stages call the models a plan (or one model id) names. Stages
/// of included patterns are named by their qualified ids (<c>reasoned.answer</c>, <c>points[*].critique</c>).
/// </summary>
public static class StageModels
{
    /// <summary>Whether the stage calls a model itself; stages that only aggregate (votes, joins) or run a pattern do not.</summary>
    public static bool CallsModel(StageDefinition stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.Prompts.Any();
    }

    /// <summary>
    /// The definition with every prompt of every stage sent to <paramref name="model"/>, those of included patterns too
    /// (which then keep no model overrides of their own). Included patterns must be resolved (loading resolves them).
    /// </summary>
    public static PatternDefinition WithModel(PatternDefinition definition, string model)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition with
        {
            Stages = [.. definition.Stages.Select(s => s.Includes is { } call
                ? StageCalls.WithCall(s, call with { Definition = call.Definition is { } d ? WithModel(d, model) : null, Models = call.Models.Clear() })
                : StagePrompts.Map(s, p => p with { Model = model }))],
        };
    }

    /// <summary>
    /// The definition with each stage the map names sent to its model; other stages keep theirs. A qualified id routes
    /// a stage of an included pattern: it joins the including stage's model overrides, ahead of what the file says.
    /// </summary>
    public static PatternDefinition WithModels(PatternDefinition definition, IReadOnlyDictionary<string, string> modelsByStage)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(modelsByStage);
        return definition with { Stages = [.. definition.Stages.Select(s => Routed(s, modelsByStage))] };
    }

    private static StageDefinition Routed(StageDefinition stage, IReadOnlyDictionary<string, string> modelsByStage)
    {
        if (stage.Includes is not { } call)
        {
            return modelsByStage.TryGetValue(stage.Id, out var model) ? StagePrompts.Map(stage, p => p with { Model = model }) : stage;
        }

        var prefix = stage.IncludesPerItem ? stage.Id + "[*]." : stage.Id + ".";
        var nested = modelsByStage
            .Where(m => m.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(m => m.Key[prefix.Length..], m => m.Value, StringComparer.Ordinal);
        return nested.Count == 0 ? stage : StageCalls.WithCall(stage, call with { Models = call.Models.SetItems(nested) });
    }
}
