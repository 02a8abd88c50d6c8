namespace PatternEngine.Models.Calls;

/// <summary>
/// Where a call's answer came from (<see cref="AnswerProvenance.Source"/>, and a call record's <c>source</c>). A
/// middleware that answers without the model says so on its answer with <see cref="AnswerProvenance.Update"/>, together
/// with the figures it recorded, so the measurement keeps them instead of timing a lookup.
/// </summary>
public static class CallSource
{
    /// <summary>The model answered during this run.</summary>
    public const string Live = "live";

    /// <summary>A cache answered with what the model said in an earlier run.</summary>
    public const string Cache = "cache";

    /// <summary>A replayed cassette answered; no model was asked.</summary>
    public const string Replay = "replay";
}
