using PatternEngine.Definitions;

namespace PatternEngine.Selection;

/// <summary>Which stages call a model, and a definition whose stages call the models a plan (or one model id) names.</summary>
public static class StageModels
{
    /// <summary>Whether the stage calls a model; stages that only aggregate (votes, joins) do not.</summary>
    public static bool CallsModel(StageDefinition stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.Prompts.Any();
    }

    /// <summary>The definition with every prompt of every stage sent to <paramref name="model"/>.</summary>
    public static PatternDefinition WithModel(PatternDefinition definition, string model)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition with { Stages = [.. definition.Stages.Select(s => CallsModel(s) ? Route(s, model) : s)] };
    }

    /// <summary>The definition with each stage the map names sent to its model; other stages keep theirs.</summary>
    public static PatternDefinition WithModels(PatternDefinition definition, IReadOnlyDictionary<string, string> modelsByStage)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(modelsByStage);
        return definition with
        {
            Stages = [.. definition.Stages.Select(s => modelsByStage.TryGetValue(s.Id, out var model) && CallsModel(s) ? Route(s, model) : s)],
        };
    }

    private static StageDefinition Route(StageDefinition stage, string model) => stage switch
    {
        PromptStage p => p with { Prompt = p.Prompt with { Model = model } },
        FanOutStage f => f with { Body = f.Body with { Model = model } },
        MapStage m => m with { Body = m.Body with { Model = model } },
        RefineStage r => r with { Critique = r.Critique with { Model = model }, Revise = r.Revise with { Model = model } },
        TournamentStage t => t with { Judge = t.Judge with { Model = model } },
        _ => throw new NotSupportedException($"stage '{stage.Id}' is a {stage.Kind} stage, which a plan cannot route yet"),
    };
}
