using System.Globalization;
using System.Text.Json.Nodes;
using PatternEngine.Execution;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Stages;

public sealed class ReduceNodeTests
{
    private static string Reduce(int count, string method) => $$$"""
        name: reduce
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: {{{count}}}
            body:
              template: "sample {{ index }}"
              extract: { regex: "answer: (.+)" }
          - id: combined
            kind: reduce
            from: samples
        {{{method}}}
        output: combined
        """;

    /// <summary>Runs <paramref name="answers"/>.Length samples, sample i answering answers[i], and returns the reduce stage.</summary>
    private static async Task<StageRecord> ReduceAsync(string method, params string[] answers)
    {
        var model = new ScriptedChatClient(request => answers[int.Parse(request.Prompt.Split(' ')[1], CultureInfo.InvariantCulture)]);
        var record = await Patterns.RunAsync(Reduce(answers.Length, method), model, ("question", "q"));
        var stage = record.Stages[1];
        Assert.Equal("reduce", stage.Kind);
        Assert.Equal(0, stage.Calls);
        Assert.Empty(stage.CallRecords);
        Assert.Equal("", stage.Model);
        Assert.Equal(stage.Output, record.Output);
        return stage;
    }

    [Fact]
    public async Task A_vote_elects_the_plurality_and_counts_unparsed_samples_in_the_agreement()
    {
        var stage = await ReduceAsync("    method: vote", "answer: 42", "answer: 41", "no idea", "answer: 42.", "answer: 42");

        Assert.Equal("42", stage.Output.Text);
        var details = stage.Details!;
        Assert.Equal("42", (string?)details["winner"]);
        Assert.Equal(3, (int)details["votes"]!);
        Assert.Equal(5, (int)details["samples"]!);
        Assert.Equal(0.6, (double)details["agreement"]!, 10);
        Assert.False((bool)details["tied"]!);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["42"] = 3, ["41"] = 1 }, details["tally"]));
        Assert.Empty(stage.Issues);
    }

    [Fact]
    public async Task A_vote_tie_goes_to_the_answer_of_the_earliest_sample()
    {
        var stage = await ReduceAsync("    method: vote", "answer: blue", "answer: Red", "answer: red", "answer: Blue.");

        Assert.Equal("blue", stage.Output.Text);
        Assert.True((bool)stage.Details!["tied"]!);
        Assert.Equal(0.5, (double)stage.Details!["agreement"]!, 10);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["blue"] = 2, ["Red"] = 2 }, stage.Details!["tally"]));
    }

    [Fact]
    public async Task A_vote_with_no_parsable_sample_is_empty_and_says_so()
    {
        var stage = await ReduceAsync("    method: vote", "nothing", "still nothing", "nope");

        Assert.Null(stage.Output.Text);
        Assert.False(stage.Output.IsList);
        Assert.Contains("no sample had an answer", Assert.Single(stage.Issues), StringComparison.Ordinal);
        Assert.Null(stage.Details!["winner"]);
        Assert.Equal(0, (int)stage.Details!["votes"]!);
        Assert.Equal(3, (int)stage.Details!["samples"]!);
        Assert.Equal(0.0, (double)stage.Details!["agreement"]!);
        Assert.Empty(stage.Details!["tally"]!.AsObject());
    }

    [Fact]
    public async Task A_join_joins_the_parsed_items_with_the_separator()
    {
        var stage = await ReduceAsync("    method: join\n    separator: \" + \"", "answer: a", "nothing", "answer: c");

        Assert.Equal("a + c", stage.Output.Text);
    }

    [Fact]
    public async Task A_join_separates_with_a_blank_line_by_default()
    {
        var stage = await ReduceAsync("    method: join", "answer: a", "answer: b");

        Assert.Equal("a\n\nb", stage.Output.Text);
    }

    [Fact]
    public async Task First_takes_the_first_parsed_item()
    {
        var stage = await ReduceAsync("    method: first", "nothing", "answer: second", "answer: third");

        Assert.Equal("second", stage.Output.Text);
        Assert.Empty(stage.Issues);
    }

    [Fact]
    public async Task First_with_no_parsed_item_is_empty_and_says_so()
    {
        var stage = await ReduceAsync("    method: first", "nothing", "nope");

        Assert.Null(stage.Output.Text);
        Assert.Contains("no item had a value", Assert.Single(stage.Issues), StringComparison.Ordinal);
    }
}
