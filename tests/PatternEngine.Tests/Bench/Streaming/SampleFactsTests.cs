using PatternEngine.Bench;
using PatternEngine.Bench.Judging;
using PatternEngine.Bench.Streaming;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Tests.Bench.Streaming;

/// <summary>The facts a streamed run leaves in the history are those a resumed bench summarises it from.</summary>
public sealed class SampleFactsTests
{
    private static readonly BenchSample Stored = new() { Pattern = "p", CaseId = "c1" };

    [Fact]
    public void A_judge_verdict_and_what_it_cost_come_back_as_they_were_stored()
    {
        var judge = new JudgeVerdict
        {
            Correct = true,
            Reason = "matches the reference",
            Checked = false,
            Usage = new RunTotals { Calls = 1, InputTokens = 120, OutputTokens = 9, CostUsd = 0.000123m, WallMs = 41.5 },
        };
        var sample = Stored with { Judge = judge, Guard = new BenchGuardVerdict(GuardAction.Block, GuardAction.Redact) };

        var resumed = SampleFacts.With(Stored, SampleFacts.ToJson(sample));

        Assert.Equal(judge, resumed.Judge);
        Assert.Equal(sample.Guard, resumed.Guard);
    }

    [Fact]
    public void An_unscored_run_stays_unscored_and_a_run_without_a_judge_gains_none()
    {
        var unscored = Stored with { Judge = new JudgeVerdict { Unscored = "the judge's answer held no verdict", Usage = new RunTotals { Calls = 1 } } };

        Assert.Equal(unscored.Judge, SampleFacts.With(Stored, SampleFacts.ToJson(unscored)).Judge);
        Assert.Null(SampleFacts.With(Stored, SampleFacts.ToJson(Stored)).Judge);
    }
}
