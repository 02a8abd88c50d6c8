using System.Collections.Immutable;

namespace PatternEngine.Bench.Tuning;

/// <summary>What a sweep measured, the trends fitted to it, and the setting recommended, with the reason written down.</summary>
public sealed record TuneReport
{
    /// <summary>The pattern tuned.</summary>
    public required string Pattern { get; init; }

    /// <summary>The sweep.</summary>
    public required TuneSweep Sweep { get; init; }

    /// <summary>How far below the best accuracy, in points, a setting may be and still be recommended.</summary>
    public required double MarginPoints { get; init; }

    /// <summary>Each value's figures, smallest value first.</summary>
    public required ImmutableArray<TunedSetting> Settings { get; init; }

    /// <summary>Accuracy (a share) against the parameter; null when fewer than two values were scored.</summary>
    public TrendFit? AccuracyTrend { get; init; }

    /// <summary>Tokens per run against the parameter.</summary>
    public TrendFit? TokensTrend { get; init; }

    /// <summary>The setting recommended: the smallest value within <see cref="MarginPoints"/> of the best accuracy; null when none was scored.</summary>
    public TunedSetting? Recommended { get; init; }

    /// <summary>Why <see cref="Recommended"/> was chosen (or why none was), in one sentence.</summary>
    public required string Reason { get; init; }

    /// <summary>The bench behind the figures: every setting and the baseline on the same cases.</summary>
    public required BenchReport Bench { get; init; }
}
