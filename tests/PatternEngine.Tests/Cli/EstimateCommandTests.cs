using System.Text.Json.Nodes;

namespace PatternEngine.Tests.Cli;

/// <summary><c>patterns estimate</c> and <c>patterns run --dry-run</c>: figures before spending, and no model call.</summary>
public sealed class EstimateCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "history.db");

    [Fact]
    public async Task Estimate_prints_a_labelled_row_per_stage_and_the_totals()
    {
        var result = await CliHarness.SucceedAsync("estimate", "self-consistency", "--input", "question=What is 12 + 30?", "--db", Db, "--model", "gpt-4.1-mini");

        Assert.Contains("estimate for one run of self-consistency (no model was called)", result.Out, StringComparison.Ordinal);
        Assert.Contains("prior", result.Out, StringComparison.Ordinal);
        Assert.Contains("total", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Db)); // reading no history creates none
    }

    [Fact]
    public async Task Estimate_json_has_stages_and_totals_that_add_up()
    {
        var result = await CliHarness.SucceedAsync("estimate", "self-consistency", "--input", "question=What is 12 + 30?", "--db", Db, "--model", "gpt-4.1-mini", "--json");

        var json = JsonNode.Parse(result.Out)!;
        var stages = json["stages"]!.AsArray();
        Assert.NotEmpty(stages);
        Assert.All(stages, s => Assert.Equal("prior", (string?)s!["basis"]));
        Assert.Equal(stages.Sum(s => (long)s!["worst_tokens"]!), (long)json["totals"]!["worst_tokens"]!);
        Assert.True((decimal)json["totals"]!["worst_cost_usd"]! > 0);
    }

    [Fact]
    public async Task A_dry_run_calls_no_model_even_when_every_call_would_fail()
    {
        // Nothing listens on port 9 here: a call would fail the run (exit 1); the dry run makes none and exits 0.
        string[] run = ["run", "baseline", "--input", "question=Once upon a time", "--endpoint", "http://127.0.0.1:9/v1", "--model", "gpt-4.1-mini", "--db", Db];

        var dry = await CliHarness.RunAsync([.. run, "--dry-run", "--json"]);
        var wet = await CliHarness.RunAsync(run);

        Assert.True(dry.ExitCode == 0, dry.ToString());
        var answer = Assert.Single(JsonNode.Parse(dry.Out)!["stages"]!.AsArray());
        Assert.Equal(("answer", "gpt-4.1-mini"), ((string?)answer!["stage"], (string?)answer["model"]));
        Assert.Equal(1, wet.ExitCode);
    }

    [Fact]
    public async Task Estimate_in_a_mode_counts_the_mode_s_samples_and_refuses_a_mode_the_pattern_lacks()
    {
        string[] estimate = ["estimate", "self-consistency", "--input", "question=What is 12 + 30?", "--db", Db, "--json"];

        var fast = JsonNode.Parse((await CliHarness.SucceedAsync([.. estimate, "--mode", "fast"])).Out)!;
        var thorough = JsonNode.Parse((await CliHarness.SucceedAsync([.. estimate, "--mode", "thorough"])).Out)!;
        var unknown = await CliHarness.RunAsync([.. estimate, "--mode", "lavish"]);

        Assert.Equal(3, (int)fast["totals"]!["worst_calls"]!);
        Assert.Equal(9, (int)thorough["totals"]!["worst_calls"]!);
        CliHarness.AssertInvalidInput(unknown);
        Assert.Contains("lavish", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_input_argument_is_refused_with_exit_2()
    {
        var result = await CliHarness.RunAsync("estimate", "baseline", "--input", "question");

        CliHarness.AssertInvalidInput(result);
    }
}
