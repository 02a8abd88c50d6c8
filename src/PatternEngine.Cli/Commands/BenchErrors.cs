using System.Globalization;
using PatternEngine.Bench;

namespace PatternEngine.Cli.Commands;

/// <summary>Whether a bench failed too often for its exit code to say success: every run failed, or a pattern failed more than allowed.</summary>
internal static class BenchErrors
{
    /// <summary>Why the bench should exit 1, with its first error; null when its failures stay within <paramref name="maxErrorRate"/>.</summary>
    public static string? Describe(BenchReport report, double maxErrorRate)
    {
        var failed = report.Samples.Count(s => s.Error is not null);
        var first = report.Samples.FirstOrDefault(s => s.Error is not null)?.Error;
        if (report.Samples.Length > 0 && failed == report.Samples.Length)
        {
            return $"every run failed ({failed} of {failed}); the first: {first}";
        }

        var worst = report.Patterns.Where(p => p.Runs > 0).MaxBy(p => p.FailedRuns / (double)p.Runs);
        if (worst is null || worst.FailedRuns / (double)worst.Runs <= maxErrorRate)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{worst.Pattern} failed {worst.FailedRuns} of {worst.Runs} runs ({100.0 * worst.FailedRuns / worst.Runs:0.#}%), more than --max-error-rate {maxErrorRate}; the first error: {first}");
    }
}
