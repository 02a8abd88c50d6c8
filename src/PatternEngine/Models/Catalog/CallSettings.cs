using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Catalog;

/// <summary>
/// Call settings a catalog entry applies to every call it serves (a stage's own settings give way to them): two
/// entries with different settings are two configurations of one model, each benched and selected on its own.
/// </summary>
public sealed record CallSettings
{
    /// <summary>The most tokens an answer may have.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Sampling temperature; 0 is greedy.</summary>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling: the probability mass sampled from.</summary>
    public float? TopP { get; init; }

    /// <summary>A copy of <paramref name="options"/> with these settings in place of its own.</summary>
    public ChatOptions ApplyTo(ChatOptions? options)
    {
        var applied = options?.Clone() ?? new ChatOptions();
        applied.MaxOutputTokens = MaxOutputTokens ?? applied.MaxOutputTokens;
        applied.Temperature = Temperature ?? applied.Temperature;
        applied.TopP = TopP ?? applied.TopP;
        return applied;
    }
}
