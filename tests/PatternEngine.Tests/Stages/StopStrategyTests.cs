using System.Globalization;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Routing;
using PatternEngine.Stages.FanOut;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Stages;

public sealed class StopStrategyTests
{
    private static string Twenty(string stop) => $$$"""
        name: adaptive
        version: 1.0.0
        stages:
          - id: samples
            kind: fan_out
            count: 20
            stop: {{{stop}}}
            body:
              template: "sample {{ index }}"
              temperature: 0.8
          - id: vote
            kind: reduce
            from: samples
            method: vote
        output: vote
        """;

    /// <summary>Answers by sample number; samples past the list give its last answer.</summary>
    private static ScriptedChatClient Answering(params string[] bySample) =>
        new(request => bySample[Math.Min(int.Parse(request.Prompt["sample ".Length..], CultureInfo.InvariantCulture), bySample.Length - 1)]);

    private static StageRecord Samples(RunRecord record) => record.Stages.Single(s => s.Id == "samples");

    [Fact]
    public async Task A_window_of_four_agreeing_samples_stops_twenty_after_four()
    {
        var record = await Patterns.RunAsync(Twenty("{ strategy: window, window: 4 }"), Answering("42"));

        Assert.Equal(4, Samples(record).Calls);
        Assert.Equal(16, (int)Samples(record).Details!["samples_saved"]!);
        Assert.Equal("window_agreed", (string)Samples(record).Details!["stop_reason"]!);
        Assert.Equal("42", record.Output.Text);
    }

    [Fact]
    public async Task A_broken_window_draws_only_the_samples_that_could_complete_it()
    {
        var model = Answering("42", "7", "42", "42", "42");

        var record = await Patterns.RunAsync(Twenty("{ strategy: window, window: 4 }"), model);

        // 42 7 42 42 ends in two 42s: two more 42s make a window of four.
        Assert.Equal(6, Samples(record).Calls);
        Assert.Equal(2, (int)Samples(record).Details!["waves"]!);
        Assert.Equal("window_agreed", (string)Samples(record).Details!["stop_reason"]!);
    }

    [Theory]
    [InlineData(0.95, 4)] // P(leader ahead | 4-0) = 31/32
    [InlineData(0.99, 6)] // 127/128; 5-0 gives only 63/64
    public async Task The_posterior_rule_stops_unanimous_samples_once_the_leader_is_likely_enough(double threshold, int calls)
    {
        var record = await Patterns.RunAsync(Twenty(string.Create(CultureInfo.InvariantCulture, $"{{ strategy: posterior, threshold: {threshold} }}")), Answering("42"));

        Assert.Equal(calls, Samples(record).Calls);
        Assert.Equal("posterior_settled", (string)Samples(record).Details!["stop_reason"]!);
    }

    [Fact]
    public async Task Split_samples_keep_the_posterior_rule_sampling_until_the_leader_pulls_away()
    {
        var model = Answering("42", "7", "42", "7", "42", "42", "42", "42", "42");

        var record = await Patterns.RunAsync(Twenty("{ strategy: posterior }"), model);

        var calls = Samples(record).Calls;
        Assert.InRange(calls, 7, 19);
        Assert.True(SampleStopping.LeaderPosterior(calls - 2, 2) >= 0.95);
        Assert.True(SampleStopping.LeaderPosterior(calls - 3, 2) < 0.95, "it stopped at the first sample the rule allowed");
        Assert.Equal("42", record.Output.Text);
    }

    [Fact]
    public async Task Samples_that_never_settle_use_every_sample_and_say_so()
    {
        var model = new ScriptedChatClient(request => request.Prompt);

        var record = await Patterns.RunAsync(Twenty("{ strategy: posterior }"), model);

        Assert.Equal(20, Samples(record).Calls);
        Assert.Equal(0, (int)Samples(record).Details!["samples_saved"]!);
        Assert.Equal(SampleStopping.Exhausted, (string)Samples(record).Details!["stop_reason"]!);
    }

    [Fact]
    public async Task A_wave_setting_draws_that_many_samples_at_a_time()
    {
        var record = await Patterns.RunAsync(Twenty("{ strategy: posterior, wave: 5 }"), Answering("42"));

        Assert.Equal(5, Samples(record).Calls);
        Assert.Equal(1, (int)Samples(record).Details!["waves"]!);
    }

    [Fact]
    public async Task Waves_stay_within_the_routes_concurrency()
    {
        var engine = Engines.For(new ModelRoute(Answering("42")) { MaxConcurrency = 3 });

        var record = await engine.Compile(Patterns.Parse(Twenty("{ strategy: plurality }"))).RunAsync(new Dictionary<string, string>());

        // A decided plurality needs 11 of 20: drawn 3, 3, 3 and 2 rather than 11 queued behind 3 slots.
        Assert.Equal(11, Samples(record).Calls);
        Assert.Equal(4, (int)Samples(record).Details!["waves"]!);
    }

    [Fact]
    public async Task Early_stop_true_is_the_decided_plurality()
    {
        var yaml = Twenty("{ strategy: plurality }").Replace("    stop: { strategy: plurality }\n", "    early_stop: true\n", StringComparison.Ordinal);

        var record = await Patterns.RunAsync(yaml, Answering("42"));

        Assert.Equal(11, Samples(record).Calls);
        Assert.Equal("decided", (string)Samples(record).Details!["stop_reason"]!);
    }

    [Theory]
    [InlineData(4, 0, 31.0 / 32)]
    [InlineData(3, 1, 26.0 / 32)]
    [InlineData(0, 0, 0.5)]
    [InlineData(10, 10, 0.5)]
    public void The_leaders_posterior_is_the_beta_tail(int leader, int runnerUp, double expected) =>
        Assert.Equal(expected, SampleStopping.LeaderPosterior(leader, runnerUp), 9);

    [Theory]
    [InlineData("{ strategy: window, window: 30 }", "stop window 30 is out of range; use 2 to the count (20)")]
    [InlineData("{ strategy: guess }", "strategy")]
    [InlineData("{ strategy: posterior, threshold: 0.4 }", "threshold")]
    [InlineData("{ window: 3 }", "strategy")]
    public void A_bad_stop_rule_is_reported_where_it_is(string stop, string message)
    {
        var diagnostic = Assert.Single(Patterns.Diagnose(Twenty(stop)));

        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(7, diagnostic.Location.Line);
    }

    [Fact]
    public void Early_stop_and_stop_together_are_refused()
    {
        var yaml = Twenty("{ strategy: window }").Replace("    stop:", "    early_stop: true\n    stop:", StringComparison.Ordinal);

        Assert.Contains("early_stop and stop both say", Assert.Single(Patterns.Diagnose(yaml)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_rule_built_in_code_is_checked_too()
    {
        var definition = Patterns.Parse(Twenty("{ strategy: window }"));
        var fanOut = (FanOutStage)definition.Stages[0];
        var broken = definition with { Stages = [fanOut with { Stop = new StopRule { Strategy = StopStrategy.Posterior, Threshold = 1 } }, definition.Stages[1]] };

        var error = Assert.Throws<PatternFileException>(() => Engines.For(Answering("42")).Compile(broken));

        Assert.Contains("stop threshold 1 is out of range", Assert.Single(error.Diagnostics).Message, StringComparison.Ordinal);
    }
}
