namespace PatternEngine.Definitions;

/// <summary>Replaces the pattern a stage runs (a <c>pattern</c> stage's call, or a fan-out's or map's pattern body).</summary>
internal static class StageCalls
{
    public static StageDefinition WithCall(StageDefinition stage, PatternCall call) => stage switch
    {
        PatternStage p => p with { Call = call },
        FanOutStage f => f with { PatternBody = call },
        MapStage m => m with { PatternBody = call },
        _ => throw new ArgumentException($"stage '{stage.Id}' is a {stage.Kind} stage, which runs no pattern", nameof(stage)),
    };
}
