namespace PatternEngine.Definitions;

/// <summary>A stage with each of its prompts changed the same way (its model, its temperature).</summary>
internal static class StagePrompts
{
    public static StageDefinition Map(StageDefinition stage, Func<PromptSpec, PromptSpec> change) => stage switch
    {
        PromptStage p => p with { Prompt = change(p.Prompt) },
        FanOutStage { Body: { } body } f => f with { Body = change(body) },
        MapStage { Body: { } body } m => m with { Body = change(body) },
        RefineStage r => r with { Critique = change(r.Critique), Revise = change(r.Revise) },
        TournamentStage t => t with { Judge = change(t.Judge) },
        _ => stage,
    };

    /// <summary>
    /// The definition with every prompt sampling at <paramref name="temperature"/>, those of the patterns it includes too.
    /// </summary>
    public static PatternDefinition WithTemperature(PatternDefinition definition, double temperature) => definition with
    {
        Stages = [.. definition.Stages.Select(s => s.Includes is { } call
            ? StageCalls.WithCall(s, call with { Temperature = temperature })
            : Map(s, p => p with { Temperature = temperature }))],
    };
}
