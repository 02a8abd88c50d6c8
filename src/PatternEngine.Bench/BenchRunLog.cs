using System.Collections.Immutable;
using System.Globalization;
using PatternEngine.Bench.Golden;
using PatternEngine.Execution;
using PatternEngine.Execution.Logging;

namespace PatternEngine.Bench;

/// <summary>
/// The bench's log for one run: passes every line on, and labels the run's line with its case, repeat and score
/// (<c>labels.case_id</c>, <c>labels.repeat</c>, <c>labels.correct</c> when scored, <c>labels.expected_verdict</c>
/// and <c>labels.guard_verdict</c> when the case states a verdict and a guard decided), so that the checklist's metrics
/// can be computed from the log alone.
/// </summary>
internal sealed class BenchRunLog(IRunLog inner, GoldenCase goldenCase, int repeat) : IRunLog
{
    public void CallFinished(RunHeader run, CallRecord record) => inner.CallFinished(run, record);

    public ValueTask RunFinishedAsync(RunHeader run, RunRecord record, string? failure, CancellationToken cancellationToken = default)
    {
        var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        labels["case_id"] = goldenCase.Id;
        labels["repeat"] = repeat.ToString(CultureInfo.InvariantCulture);
        if (BenchRunner.Score(goldenCase, record, failure) is { } correct)
        {
            labels["correct"] = correct ? "true" : "false";
        }

        GuardVerdicts.Label(labels, goldenCase, record);
        return inner.RunFinishedAsync(run with { Labels = labels.ToImmutable() }, record, failure, cancellationToken);
    }
}
