using System.Collections.Immutable;
using System.Globalization;
using PatternEngine.Bench.Golden;
using PatternEngine.Execution;
using PatternEngine.Execution.Logging;

namespace PatternEngine.Bench.Judging;

/// <summary>
/// The bench's log for one judge run. Its call and run lines carry the pattern <see cref="BenchJudge.PatternName"/>,
/// and its run line the labels <c>judge_of</c> (the judged pattern), <c>judged_case</c>, <c>repeat</c> and
/// <c>verdict</c> (true, false or unscored). It has no <c>case_id</c> label, so the checklist's metrics computed from
/// the log count the pattern's runs only.
/// </summary>
internal sealed class JudgeRunLog(IRunLog inner, string pattern, GoldenCase goldenCase, int repeat) : IRunLog
{
    public void CallFinished(RunHeader run, CallRecord record) => inner.CallFinished(run, record);

    public ValueTask RunFinishedAsync(RunHeader run, RunRecord record, string? failure, CancellationToken cancellationToken = default)
    {
        var verdict = failure is null ? JudgeVerdictReader.Read(record.Output.ToString()).Correct : null;
        var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        labels["judge_of"] = pattern;
        labels["judged_case"] = goldenCase.Id;
        labels["repeat"] = repeat.ToString(CultureInfo.InvariantCulture);
        labels["verdict"] = verdict switch { true => "true", false => "false", null => "unscored" };
        return inner.RunFinishedAsync(run with { Labels = labels.ToImmutable() }, record, failure, cancellationToken);
    }
}
