using PatternEngine.Bench.Metrics;

namespace PatternEngine.Bench.Tuning;

/// <summary>What one value of a sweep measured, against the same baseline runs as every other value.</summary>
/// <param name="Value">The parameter's value.</param>
/// <param name="Label">The name the bench reported it under.</param>
/// <param name="Accuracy">Its accuracy (a share, 0 to 1) with a 95% interval; null when no run was scored.</param>
/// <param name="AccuracyPoints">Its accuracy against the baseline's, in points, paired by case, with a 95% interval.</param>
/// <param name="MeanTokens">Tokens per run (sent plus answered).</param>
/// <param name="TokensPercent">Its tokens against the baseline's, in percent, paired by case, with a 95% interval.</param>
/// <param name="CostUsd">Cost per run with a 95% interval; null when unpriced.</param>
/// <param name="FailedRuns">Runs that failed.</param>
public sealed record TunedSetting(
    double Value, string Label, MetricEstimate? Accuracy, DeltaEstimate? AccuracyPoints, double MeanTokens, DeltaEstimate? TokensPercent, MetricEstimate? CostUsd, int FailedRuns);
