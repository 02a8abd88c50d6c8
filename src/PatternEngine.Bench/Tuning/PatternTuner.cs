using System.Globalization;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Reports;
using PatternEngine.Compilation;
using PatternEngine.Definitions;

namespace PatternEngine.Bench.Tuning;

/// <summary>
/// Finds the right setting of one stage field (<c>patterns tune</c>): benches the pattern at every value of a sweep in
/// one bench, each value an entry beside the same baseline runs (so every delta is paired by case), fits accuracy and
/// tokens against the parameter, and recommends the smallest value whose accuracy is within a margin of the best.
/// </summary>
public static class PatternTuner
{
    /// <summary>The margin a setting's accuracy may be below the best's and still be recommended, in points.</summary>
    public const double DefaultMarginPoints = 1.0;

    /// <summary>Benches the sweep and recommends a setting.</summary>
    /// <param name="pattern">The pattern as written (its includes resolved).</param>
    /// <param name="fileHash">The hash of the pattern's file (see <see cref="BenchEntry.HashFile"/>).</param>
    /// <param name="sweep">The field and its values.</param>
    /// <param name="compile">Compiles a definition on the engine the bench runs on (with its routing).</param>
    /// <param name="baseline">The pattern every setting is measured against.</param>
    /// <param name="golden">The cases.</param>
    /// <param name="marginPoints">How far below the best accuracy, in points, the recommendation may be.</param>
    /// <param name="options">Repeats, seed, concurrency and the rest, as for a bench.</param>
    /// <param name="progress">Hears each run as it finishes.</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    /// <exception cref="PatternFileException">The sweep names a stage the pattern lacks, a field the stage lacks, or a value out of range.</exception>
    public static async Task<TuneReport> TuneAsync(
        PatternDefinition pattern,
        string fileHash,
        TuneSweep sweep,
        Func<PatternDefinition, CompiledPattern> compile,
        BenchEntry baseline,
        GoldenSet golden,
        double marginPoints = DefaultMarginPoints,
        BenchOptions? options = null,
        IProgress<BenchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(compile);
        ArgumentOutOfRangeException.ThrowIfNegative(marginPoints);
        if (sweep.Check(pattern) is { Count: > 0 } problems)
        {
            throw new PatternFileException(problems);
        }

        var entries = sweep.Values
            .Select(value => new BenchEntry(compile(sweep.At(value).ApplyTo(pattern)), fileHash) { Label = Label(pattern, sweep, value) })
            .ToList();
        var bench = await BenchRunner.RunAsync(baseline, entries, golden, options, progress, cancellationToken).ConfigureAwait(false);
        return Recommend(pattern.Name, sweep, marginPoints, bench);
    }

    /// <summary>The name a value's entry is reported under: <c>self-consistency[samples.count=3]</c>.</summary>
    public static string Label(PatternDefinition pattern, TuneSweep sweep, double value)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(sweep);
        return $"{pattern.Name}[{sweep.StageId}.{sweep.Field}={TuneSweep.Text(value)}]";
    }

    /// <summary>The figures of each value in a finished bench of the sweep, the trends, and the recommendation.</summary>
    public static TuneReport Recommend(string pattern, TuneSweep sweep, double marginPoints, BenchReport bench)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(bench);
        var settings = sweep.Values.Select(value =>
        {
            var label = $"{pattern}[{sweep.StageId}.{sweep.Field}={TuneSweep.Text(value)}]";
            var summary = bench.Patterns.Single(p => p.Pattern == label);
            return new TunedSetting(
                value, label, summary.Metrics.Accuracy, summary.Deltas.AccuracyPoints, summary.MeanTokens, summary.Deltas.TokensPercent, summary.Metrics.CostUsd, summary.FailedRuns);
        }).ToList();

        var scored = settings.Where(s => s.Accuracy is not null).ToList();
        var best = scored.OrderByDescending(s => s.Accuracy!.Value).ThenBy(s => s.Value).FirstOrDefault();
        var recommended = best is null ? null : scored.First(s => (best.Accuracy!.Value - s.Accuracy!.Value) * 100 <= marginPoints + 1e-9);
        return new TuneReport
        {
            Pattern = pattern,
            Sweep = sweep,
            MarginPoints = marginPoints,
            Settings = [.. settings],
            AccuracyTrend = TrendFit.Of([.. scored.Select(s => (s.Value, s.Accuracy!.Value))]),
            TokensTrend = TrendFit.Of([.. settings.Select(s => (s.Value, s.MeanTokens))]),
            Recommended = recommended,
            Reason = Reason(sweep, marginPoints, best, recommended),
            Bench = bench,
        };
    }

    private static string Reason(TuneSweep sweep, double marginPoints, TunedSetting? best, TunedSetting? recommended)
    {
        if (best is null || recommended is null)
        {
            return "no setting was scored (every run failed, or the golden cases have no expected answers), so none is recommended";
        }

        var field = $"{sweep.StageId}.{sweep.Field}";
        var margin = marginPoints.ToString("0.##", CultureInfo.InvariantCulture);
        if (ReferenceEquals(best, recommended))
        {
            return $"{field}={TuneSweep.Text(best.Value)} has the best accuracy ({BenchFormat.Accuracy(best.Accuracy!.Value)}), and no smaller value is within {margin} points of it";
        }

        var saved = best.MeanTokens > 0 ? (1 - (recommended.MeanTokens / best.MeanTokens)) * 100 : 0;
        return $"{field}={TuneSweep.Text(recommended.Value)} is the smallest value whose accuracy ({BenchFormat.Accuracy(recommended.Accuracy!.Value)}) is within {margin} points of the best "
            + $"({BenchFormat.Accuracy(best.Accuracy!.Value)} at {TuneSweep.Text(best.Value)}), at {saved.ToString("0", CultureInfo.InvariantCulture)}% fewer tokens per run";
    }
}
