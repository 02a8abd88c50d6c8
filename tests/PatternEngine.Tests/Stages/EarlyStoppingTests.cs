using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Stages;

public sealed class EarlyStoppingTests
{
    private const string FiveWithEarlyStop = """
        name: adaptive
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: 5
            early_stop: true
            body:
              template: "sample {{ index }}"
              temperature: 0.8
          - id: vote
            kind: reduce
            from: samples
            method: vote
        output: vote
        """;

    private static ScriptedChatClient Answering(params string[] bySample) =>
        new(request => bySample[int.Parse(request.Prompt["sample ".Length..], System.Globalization.CultureInfo.InvariantCulture)]);

    [Fact]
    public async Task Three_agreeing_samples_out_of_five_stop_sampling_and_save_two()
    {
        var model = Answering("42", "42", "42", "7", "7");

        var record = await Patterns.RunAsync(FiveWithEarlyStop, model, ("question", "q"));

        var samples = record.Stages.Single(s => s.Id == "samples");
        Assert.Equal(3, samples.Calls);
        Assert.Equal(2, (int)samples.Details!["samples_saved"]!);
        Assert.Equal("42", record.Output.Text);
        Assert.Equal(1.0, (double)record.Stages.Single(s => s.Id == "vote").Details!["agreement"]!);
    }

    [Fact]
    public async Task A_split_first_wave_draws_only_as_many_more_samples_as_could_decide()
    {
        var model = Answering("42", "7", "42", "42", "7");

        var record = await Patterns.RunAsync(FiveWithEarlyStop, model, ("question", "q"));

        var samples = record.Stages.Single(s => s.Id == "samples");
        Assert.Equal(4, samples.Calls); // 2-1 after three; one more 42 makes 3-1 with one left: decided
        Assert.Equal(1, (int)samples.Details!["samples_saved"]!);
        Assert.Equal("42", record.Output.Text);
    }

    [Fact]
    public async Task Samples_that_never_agree_use_every_sample()
    {
        var model = Answering("a", "b", "c", "d", "e");

        var record = await Patterns.RunAsync(FiveWithEarlyStop, model, ("question", "q"));

        Assert.Equal(5, record.Stages.Single(s => s.Id == "samples").Calls);
        Assert.Equal(0, (int)record.Stages.Single(s => s.Id == "samples").Details!["samples_saved"]!);
    }

    [Fact]
    public async Task Early_stopping_keeps_each_samples_seed()
    {
        var adaptive = Answering("x", "x", "x", "y", "y");
        var full = Answering("x", "x", "x", "y", "y");

        await Patterns.RunAsync(FiveWithEarlyStop, adaptive, ("question", "q"));
        await Patterns.RunAsync(FiveWithEarlyStop.Replace("early_stop: true", "early_stop: false", StringComparison.Ordinal), full, ("question", "q"));

        var seedsBySample = full.Requests.ToDictionary(r => r.Prompt, r => r.Options!.Seed);
        Assert.All(adaptive.Requests, r => Assert.Equal(seedsBySample[r.Prompt], r.Options!.Seed));
    }
}
