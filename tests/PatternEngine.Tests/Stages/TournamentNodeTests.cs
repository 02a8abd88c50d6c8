using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PatternEngine.Execution;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Stages;

public sealed partial class TournamentNodeTests
{
    private static string Tournament(string bracket) => $$$"""
        name: tournament
        version: 1.0.0
        inputs:
          options: { type: list }
        stages:
          - id: best
            kind: tournament
            candidates: options
            bracket: {{{bracket}}}
            judge:
              template: "Which is better?\nA: {{ a }}\nB: {{ b }}"
        output: best
        """;

    private static (string A, string B) Shown(ScriptedRequest request)
    {
        var match = Pair().Match(request.Prompt);
        Assert.True(match.Success, request.Prompt);
        return (match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim());
    }

    /// <summary>A judge that prefers the longer candidate, whichever position it is shown in.</summary>
    private static ScriptedChatClient PrefersLongest() => new(request =>
    {
        var (a, b) = Shown(request);
        return a.Length > b.Length ? "A is better" : "Candidate B";
    });

    private static async Task<(StageRecord Stage, ScriptedChatClient Judge)> RunAsync(string bracket, string[] candidates, int seed = 42, ScriptedChatClient? judge = null)
    {
        judge ??= PrefersLongest();
        var record = await Patterns.Compile(Tournament(bracket), judge).RunAsync(
            new Dictionary<string, string> { ["options"] = JsonSerializer.Serialize(candidates) },
            new RunOptions { Seed = seed });
        return (Assert.Single(record.Stages), judge);
    }

    private static int Int(JsonNode? node) => (int)node!;

    [Theory]
    [InlineData(new[] { "pear", "clementine", "fig", "banana" }, 2)]
    [InlineData(new[] { "pear", "fig", "banana", "apple", "clementine" }, 3)]
    [InlineData(new[] { "clementine", "fig" }, 1)]
    public async Task A_knockout_makes_k_minus_one_comparisons_in_ceil_log2_k_rounds_and_the_preferred_candidate_wins(string[] candidates, int rounds)
    {
        var (stage, judge) = await RunAsync("knockout", candidates);

        Assert.Equal("clementine", stage.Output.Text);
        var details = stage.Details!;
        Assert.Equal(candidates.Length - 1, Int(details["comparisons"]));
        Assert.Equal(rounds, Int(details["rounds"]));
        Assert.Equal(Array.IndexOf(candidates, "clementine"), Int(details["winner"]));
        Assert.Equal(candidates, details["candidates"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(candidates.Length - 1, stage.Calls);
        Assert.Equal(candidates.Length - 1, judge.Requests.Count);
        Assert.Empty(stage.Issues);

        var bracket = details["bracket"]!.AsArray();
        Assert.Equal(candidates.Length - 1, bracket.Count);
        foreach (var match in bracket)
        {
            var first = candidates[Int(match!["first"])];
            var second = candidates[Int(match["second"])];
            var longer = first.Length > second.Length ? Int(match["first"]) : Int(match["second"]);
            Assert.Equal(longer, Int(match["winner"]));
            Assert.False((bool)match["tie"]!);
            Assert.Equal(1, Int(match["judge_calls"]));
        }

        Assert.Equal(Enumerable.Range(1, rounds), bracket.Select(m => Int(m!["round"])).Distinct());
    }

    [Fact]
    public async Task A_knockout_of_five_gives_the_odd_candidate_a_bye_each_round()
    {
        var (stage, _) = await RunAsync("knockout", ["pear", "fig", "banana", "apple", "clementine"]);

        var bracket = stage.Details!["bracket"]!.AsArray();
        var pairs = bracket.Select(m => (Int(m!["round"]), Int(m["first"]), Int(m["second"]))).ToList();
        // Round 1: 0-1 and 2-3, 4 has a bye; round 2: 0 (pear beats fig) against 2 (banana); 4 has a bye; round 3: 2 against 4.
        Assert.Equal([(1, 0, 1), (1, 2, 3), (2, 0, 2), (3, 2, 4)], pairs);
    }

    [Fact]
    public async Task The_judge_is_shown_both_orders_over_several_seeds()
    {
        var shownFirst = new HashSet<int>();
        for (var seed = 0; seed < 24; seed++)
        {
            var (stage, judge) = await RunAsync("knockout", ["fig", "clementine"], seed);
            var match = Assert.Single(stage.Details!["bracket"]!.AsArray())!;
            var shownAsA = Int(match["shown_as_a"]);
            shownFirst.Add(shownAsA);

            // The record says what the judge saw, and the longer one wins whichever way round it was shown.
            Assert.Equal(shownAsA == 0 ? ("fig", "clementine") : ("clementine", "fig"), Shown(Assert.Single(judge.Requests)));
            Assert.Equal("clementine", stage.Output.Text);
        }

        Assert.Equal([0, 1], shownFirst.Order());
    }

    [Fact]
    public async Task The_presentation_order_is_the_same_for_the_same_seed()
    {
        string[] candidates = ["pear", "fig", "banana", "apple", "clementine"];

        var (first, firstJudge) = await RunAsync("knockout", candidates, seed: 5);
        var (second, secondJudge) = await RunAsync("knockout", candidates, seed: 5);

        Assert.True(JsonNode.DeepEquals(first.Details, second.Details));
        Assert.Equal(
            firstJudge.Requests.Select(r => r.Prompt).Order(StringComparer.Ordinal),
            secondJudge.Requests.Select(r => r.Prompt).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_judge_that_names_neither_is_asked_again_then_counted_as_a_tie()
    {
        var judge = new ScriptedChatClient(request => "they are both lovely");

        var (stage, _) = await RunAsync("knockout", ["fig", "clementine"], judge: judge);

        Assert.Equal(2, judge.Requests.Count);
        Assert.Equal(2, stage.Calls);
        var match = Assert.Single(stage.Details!["bracket"]!.AsArray())!;
        Assert.True((bool)match["tie"]!);
        Assert.Null(match["winner"]);
        Assert.Equal(2, Int(match["judge_calls"]));
        Assert.Contains("named neither", Assert.Single(stage.Issues), StringComparison.Ordinal);
        Assert.Equal("fig", stage.Output.Text); // a tie sends the earlier candidate on
        Assert.NotEqual(judge.Requests.First().Options?.Seed, judge.Requests.Last().Options?.Seed);
    }

    [Fact]
    public async Task A_judge_that_names_a_candidate_on_the_second_try_decides_the_match()
    {
        var judge = new ScriptedChatClient(request => request.Number == 0 ? "hmm" : "B");

        var (stage, _) = await RunAsync("knockout", ["fig", "clementine"], judge: judge);

        var match = Assert.Single(stage.Details!["bracket"]!.AsArray())!;
        Assert.False((bool)match["tie"]!);
        Assert.Equal(2, Int(match["judge_calls"]));
        Assert.Equal(1 - Int(match["shown_as_a"]), Int(match["winner"]));
        Assert.Empty(stage.Issues);
    }

    [Fact]
    public async Task A_round_robin_judges_every_pair_once_and_the_most_wins_take_it()
    {
        string[] candidates = ["pear", "clementine", "fig", "banana"];

        var (stage, judge) = await RunAsync("round_robin", candidates);

        Assert.Equal("clementine", stage.Output.Text);
        Assert.Equal(6, Int(stage.Details!["comparisons"]));
        Assert.Equal(1, Int(stage.Details!["rounds"]));
        Assert.Equal(6, judge.Requests.Count);
        var pairs = stage.Details!["bracket"]!.AsArray().Select(m => (Int(m!["first"]), Int(m["second"]))).Order().ToList();
        Assert.Equal([(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)], pairs);
    }

    [Fact]
    public async Task A_round_robin_of_five_makes_ten_comparisons()
    {
        var (stage, _) = await RunAsync("round_robin", ["pear", "fig", "banana", "apple", "clementine"]);

        Assert.Equal(10, Int(stage.Details!["comparisons"]));
        Assert.Equal("clementine", stage.Output.Text);
    }

    [Fact]
    public async Task No_candidates_gives_an_empty_value_and_an_issue()
    {
        var (stage, judge) = await RunAsync("knockout", []);

        Assert.Null(stage.Output.Text);
        Assert.Empty(judge.Requests);
        Assert.Contains("gave no candidates", Assert.Single(stage.Issues), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_candidate_wins_without_a_comparison()
    {
        var (stage, judge) = await RunAsync("knockout", ["fig"]);

        Assert.Equal("fig", stage.Output.Text);
        Assert.Empty(judge.Requests);
        Assert.Equal(0, Int(stage.Details!["comparisons"]));
        Assert.Equal(0, Int(stage.Details!["rounds"]));
    }

    [GeneratedRegex(@"^A: (.*)\n^B: (.*)$", RegexOptions.Multiline)]
    private static partial Regex Pair();
}
