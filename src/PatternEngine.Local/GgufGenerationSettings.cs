using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Local;

/// <summary>The part of <see cref="ChatOptions"/> that one local generation honours.</summary>
internal sealed record GgufGenerationSettings(
    int MaxOutputTokens,
    float Temperature,
    uint Seed,
    float? TopP,
    int? TopK,
    float? FrequencyPenalty,
    float? PresencePenalty,
    IReadOnlyList<string> StopSequences)
{
    /// <summary>The seed used when the options give none, so that runs are reproducible.</summary>
    public const uint DefaultSeed = 42;

    /// <summary>Reads <paramref name="options"/>, filling gaps with defaults.</summary>
    /// <param name="options">The caller's options, if any.</param>
    /// <param name="defaultMaxOutputTokens">The limit when the options give none.</param>
    /// <returns>The settings.</returns>
    public static GgufGenerationSettings From(ChatOptions? options, int defaultMaxOutputTokens)
    {
        var maxOutputTokens = options?.MaxOutputTokens ?? defaultMaxOutputTokens;
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutputTokens, nameof(options));
        var seed = options?.Seed is { } value ? unchecked((uint)(value ^ (value >> 32))) : DefaultSeed;
        return new GgufGenerationSettings(
            maxOutputTokens,
            options?.Temperature ?? 0,
            seed,
            options?.TopP,
            options?.TopK,
            options?.FrequencyPenalty,
            options?.PresencePenalty,
            options?.StopSequences?.Where(stop => !string.IsNullOrEmpty(stop)).ToArray() ?? []);
    }

    /// <summary>A new sampler: greedy at temperature 0, else seeded random sampling.</summary>
    /// <returns>A sampler for one generation; the caller disposes it.</returns>
    public BaseSamplingPipeline CreateSampler()
    {
        if (Temperature <= 0)
        {
            return new GreedySamplingPipeline();
        }

        var defaults = new DefaultSamplingPipeline();
        return new DefaultSamplingPipeline
        {
            Temperature = Temperature,
            Seed = Seed,
            TopP = TopP ?? defaults.TopP,
            TopK = TopK ?? defaults.TopK,
            FrequencyPenalty = FrequencyPenalty ?? defaults.FrequencyPenalty,
            PresencePenalty = PresencePenalty ?? defaults.PresencePenalty,
        };
    }
}
