using PatternEngine.Definitions;
using PatternEngine.Definitions.FieldOverrides;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary>
/// <c>patterns tune</c> end to end on the reference server, whose per-question difficulty makes a single sample right
/// about half the time, so the vote's accuracy rises with the sample count and then levels off.
/// </summary>
public sealed class TuneCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Tune_recommends_the_smallest_count_within_the_margin_of_the_best_and_writes_it_as_a_mode_in_a_copy()
    {
        // Each sample is right with chance 0.55; a wrong one is off by 1 to 5 either way, so wrong answers split their votes.
        var questions = ReferenceQuestion.Sums(20).Select(q => q with { Difficulty = 0.45 }).ToList();
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("m")], Questions = [.. questions] });
        var copy = Path.Combine(_dir.Path, "tuned.yaml");

        var result = await CliHarness.RunAsync(
            "tune", "self-consistency", "-g", _dir.Write("golden.jsonl", ReferenceQuestion.Golden(questions)), "--vary", "samples.count=1,3,9,15",
            "--providers", _dir.Write("providers.yaml", ReferenceProviders.Yaml(server, maxAttempts: 1, model: "m", keyVariable: null)),
            "--resamples", "200", "--runs-in-flight", "4", "--margin", "5", "--write-mode", "tuned", "--out", copy);

        Assert.True(result.ExitCode == 0, result.ToString());
        // The server's draws are fixed by hash: 80%, 85%, 95% and 100% for 1, 3, 9 and 15 samples; 9 is the smallest within 5 points of 100%.
        Assert.True(result.Out.Contains("samples.count=9 is the smallest value whose accuracy (95.0%) is within 5 points of the best (100.0% at 15)", StringComparison.Ordinal), result.ToString());
        Assert.Matches(@"│ 1 +│ 80\.0% \[", result.Out);
        Assert.Matches(@"│ 9 ← +│ 95\.0% \[", result.Out);
        var tuned = PatternFile.Load(copy, new PatternLoadOptions { Library = new PatternEngine.Library.PatternLibrary(Path.Combine(Support.Patterns.RepositoryRoot(), "patterns")) });
        Assert.Equal(9, Assert.IsType<FanOutStage>(PatternModes.Apply(tuned, "tuned").Stages[0]).Count);
        Assert.Contains("thorough", tuned.Modes.Keys);
    }

    [Theory]
    [InlineData("nowhere.count=1,3", "--vary:1:1: pattern 'self-consistency' has no stage 'nowhere'; its stages are 'samples', 'vote'")]
    [InlineData("samples.max_rounds=1,2", "--vary:1:1: stage 'samples' is a fan_out stage, which has no field 'max_rounds'; it has count, max_tokens, temperature, model")]
    [InlineData("samples.count=1,three", "--vary:1:1: samples.count: 'three' is not a number")]
    [InlineData("samples.count=1,99", "--vary:1:1: samples.count takes a whole number from 1 to 64, not '99'")]
    [InlineData("samples.model=a,b", "--vary:1:1: 'model' cannot be swept; sweep count, max_rounds, max_tokens or temperature")]
    [InlineData("samples.count", "--vary:1:1: 'samples.count' is not STAGE.field=v1,v2,... (for example samples.count=1,3,5,9)")]
    public async Task A_sweep_that_does_not_fit_the_pattern_is_a_located_error_and_exit_2(string vary, string expected)
    {
        var result = await CliHarness.RunAsync("tune", "self-consistency", "-g", _dir.Write("golden.jsonl", ReferenceQuestion.Golden(ReferenceQuestion.Sums(2))), "--vary", vary);

        CliHarness.AssertInvalidInput(result);
        Assert.Equal(expected, Assert.Single(result.ErrorLines));
    }
}
