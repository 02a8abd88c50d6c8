using Microsoft.Extensions.AI;
using PatternEngine.Execution;
using PatternEngine.Library;
using PatternEngine.Models.Local;
using PatternEngine.Tests.Support;
using PatternEngine.Models.Calls;

namespace PatternEngine.Tests.Library;

[Collection(LocalModelCollection.Name)]
public sealed class BuiltInPatternsOnLocalModelTests(LocalModelFixture fixture)
{
    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    public static TheoryData<string> BuiltInNames => [.. BuiltIns.List().Select(e => e.Name)];

    private async Task<RunRecord> RunAsync(string name, string question = "What is 12 + 30?")
    {
        var compiled = Engines.For(fixture.Model.AsChatClient(), b => b.AddPlugins(BuiltIns.Tools())).Compile(BuiltIns.Load(BuiltIns.Resolve(name)));
        return await compiled.RunAsync(new Dictionary<string, string> { ["question"] = question });
    }

    [Theory]
    [MemberData(nameof(BuiltInNames))]
    public async Task Every_built_in_pattern_runs_end_to_end_on_the_embedded_model(string name)
    {
        var record = await RunAsync(name);

        Assert.Equal(name, record.Pattern);
        Assert.Equal(BuiltIns.Load(BuiltIns.Resolve(name)).Stages.Length, record.Stages.Length);
        Assert.True(record.Totals.Calls > 0);
        Assert.All(record.AllCalls(), call => Assert.Equal("stories260K", call.Model));
    }

    [Theory]
    [MemberData(nameof(BuiltInNames))]
    public async Task Token_counts_are_the_model_tokenizers_count_of_what_was_sent_and_received(string name)
    {
        var record = await RunAsync(name);

        foreach (var stage in Flatten(record.Stages))
        {
            // A stage that ran included patterns makes no call itself: its figures are the sums over the stages it nests.
            var calls = stage.AllCalls().ToList();
            Assert.Equal(calls.Count, stage.Calls);
            Assert.True(stage.Stages.IsEmpty || stage.CallRecords.IsEmpty, stage.Id);
            foreach (var call in stage.CallRecords)
            {
                var prompt = GgufPromptFormat.Format(call.Messages.Select(m => new ChatMessage(new ChatRole(m.Role), m.Text)));
                Assert.Equal(UsageSource.Tokenizer, call.UsageSource);
                Assert.Equal(fixture.Model.CountTokens(prompt), call.InputTokens);

                // Alone, a continuation tokenizes with an extra leading-space token; in place after its prompt it does not.
                Assert.Equal(fixture.Model.CountTokens(prompt + call.Response), call.InputTokens + call.OutputTokens);
            }

            Assert.Equal(calls.Sum(c => c.InputTokens), stage.InputTokens);
            Assert.Equal(calls.Sum(c => c.OutputTokens), stage.OutputTokens);
            Assert.Equal(stage.Stages.Sum(s => s.Calls), stage.Stages.IsEmpty ? 0 : stage.Calls);
        }

        Assert.Equal(record.Stages.Sum(s => s.Calls), record.Totals.Calls);
        Assert.Equal(record.Stages.Sum(s => s.InputTokens), record.Totals.InputTokens);
        Assert.Equal(record.Stages.Sum(s => s.OutputTokens), record.Totals.OutputTokens);
    }

    private static IEnumerable<StageRecord> Flatten(IEnumerable<StageRecord> stages) =>
        stages.SelectMany(s => Flatten(s.Stages).Prepend(s));

    [Fact]
    public async Task Self_consistency_makes_five_calls_and_votes_without_one()
    {
        var record = await RunAsync("self-consistency");

        Assert.Equal(5, record.Stages.Single(s => s.Id == "samples").Calls);
        Assert.Equal(0, record.Stages.Single(s => s.Id == "vote").Calls);
        Assert.Equal(5, (int)record.Stages.Single(s => s.Id == "vote").Details!["samples"]!);
    }

    [Fact]
    public async Task A_tournament_of_four_generated_candidates_makes_three_comparisons_in_two_rounds()
    {
        var record = await RunAsync("tournament-ranking");
        var details = record.Stages.Single(s => s.Id == "winner").Details!;

        Assert.Equal(4, record.Stages.Single(s => s.Id == "generated").Calls);
        Assert.Equal(3, (int)details["comparisons"]!);
        Assert.Equal(2, (int)details["rounds"]!);
    }

    [Fact]
    public async Task Self_critique_keeps_every_rounds_critique_and_how_it_stopped()
    {
        var details = (await RunAsync("self-critique")).Stages.Single(s => s.Id == "refined").Details!;

        var rounds = details["rounds"]!.AsArray();
        Assert.InRange(rounds.Count, 1, 2);
        Assert.All(rounds, round => Assert.NotNull(round!["critique"]));
        Assert.True((string?)details["stopped_by"] is "accepted" or "max_rounds");
    }

    [Fact]
    public async Task Self_consistency_keeps_every_sample_the_winner_and_the_agreement()
    {
        var record = await RunAsync("self-consistency");
        var vote = record.Stages.Single(s => s.Id == "vote").Details!;

        Assert.Equal(5, record.Stages.Single(s => s.Id == "samples").Output.AsList().Length);
        Assert.InRange((double)vote["agreement"]!, 0.0, 1.0);
        Assert.True(vote.ContainsKey("winner") && vote.ContainsKey("tally"));
    }

    [Fact]
    public async Task Skeleton_fill_in_outlines_maps_and_joins_even_when_the_outline_does_not_parse()
    {
        var record = await RunAsync("skeleton-fill-in");

        Assert.Equal(["outline", "points", "answer"], record.Stages.Select(s => s.Id));
        var outline = record.Stages[0];
        Assert.True(outline.Output.IsList || outline.Issues.Length > 0, "an outline that is not a list must say why");
        Assert.Equal(outline.Output.AsList().Count(i => i is not null), record.Stages[1].Calls);
    }

    [Fact]
    public async Task Tool_calling_reflex_runs_with_the_shipped_tools_on_a_model_without_function_calling()
    {
        var record = await RunAsync("tool-calling-reflex");

        var stage = Assert.Single(record.Stages);
        Assert.InRange(stage.Calls, 1, 4); // the answer, plus at most three tool rounds
        Assert.Contains("math.evaluate", stage.CallRecords[0].Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_repeats_a_run_on_the_embedded_model()
    {
        var first = await RunAsync("self-consistency");
        var second = await RunAsync("self-consistency");

        Assert.Equal(
            first.Stages[0].CallRecords.Select(c => c.Response).Order(),
            second.Stages[0].CallRecords.Select(c => c.Response).Order());
    }
}
