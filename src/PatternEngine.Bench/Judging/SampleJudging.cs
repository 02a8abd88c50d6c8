using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Scoring;
using PatternEngine.Execution;

namespace PatternEngine.Bench.Judging;

/// <summary>Scores a finished run of a <c>scorer: judge</c> case with the bench's judge, when the sample is made.</summary>
internal static class SampleJudging
{
    /// <summary>
    /// The sample with the judge's verdict as its score (<see cref="BenchSample.Correct"/>, null when unscored) and the
    /// verdict with its usage in <see cref="BenchSample.Judge"/>. Other cases' samples come back as they are; a failed
    /// run is wrong without asking the judge (it gave no answer).
    /// </summary>
    public static async Task<BenchSample> ApplyAsync(BenchSample sample, GoldenCase goldenCase, BenchOptions options, CancellationToken cancellationToken)
    {
        if (goldenCase.Scorer != ScorerNames.Judge || options.Judge is not { } judge)
        {
            return sample;
        }

        if (sample.Error is not null)
        {
            return sample with { Correct = false };
        }

        var judgeOptions = new RunOptions
        {
            Seed = options.Seed + sample.Repeat,
            Log = options.Log is { } log ? new JudgeRunLog(log, sample.Pattern, goldenCase, sample.Repeat) : null,
        };
        var verdict = await judge.JudgeAsync(goldenCase, sample.Answer, judgeOptions, cancellationToken).ConfigureAwait(false);
        var check = goldenCase.Check is { } scorer ? AnswerScorer.Score(goldenCase with { Scorer = scorer }, sample.Answer) : null;
        return sample with { Correct = verdict.Correct, Judge = verdict with { Checked = check } };
    }
}
