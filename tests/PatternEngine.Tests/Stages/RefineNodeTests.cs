using System.Text.Json.Nodes;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Stages;

public sealed class RefineNodeTests
{
    private static string Refine(int maxRounds) => $$$"""
        name: refine
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: first
            kind: prompt
            template: "write about {{ question }}"
          - id: better
            kind: refine
            from: first
            max_rounds: {{{maxRounds}}}
            stop_when: "^LGTM"
            critique:
              template: "critique round {{ round }}: {{ draft }}"
            revise:
              template: "revise round {{ round }}: {{ draft }} given {{ critique }}"
        output: better
        """;

    /// <summary>A model that drafts "v0", revises draft vN into vN+1, and critiques with the given reply for each round.</summary>
    private static ScriptedChatClient Model(Func<int, string> critiqueOfRound) => new(request =>
    {
        var prompt = request.Prompt;
        if (prompt.StartsWith("write", StringComparison.Ordinal))
        {
            return "v0";
        }

        var round = (int)char.GetNumericValue(prompt[prompt.IndexOf("round ", StringComparison.Ordinal) + 6]);
        if (prompt.StartsWith("critique", StringComparison.Ordinal))
        {
            return critiqueOfRound(round);
        }

        var draft = prompt.Split(' ')[3];
        return "v" + (int.Parse(draft[1..], System.Globalization.CultureInfo.InvariantCulture) + 1);
    });

    [Fact]
    public async Task A_critique_that_accepts_the_first_draft_stops_after_one_call()
    {
        var model = Model(_ => "LGTM, nothing to change");

        var record = await Patterns.RunAsync(Refine(3), model, ("question", "tides"));

        Assert.Equal(2, model.Requests.Count); // the draft and one critique
        var stage = record.Stages[1];
        Assert.Equal("refine", stage.Kind);
        Assert.Equal(1, stage.Calls);
        Assert.Equal("v0", stage.Output.Text);
        Assert.Equal("accepted", (string?)stage.Details!["stopped_by"]);
        var round = Assert.Single(stage.Details!["rounds"]!.AsArray())!;
        Assert.Equal(1, (int)round["round"]!);
        Assert.Equal("LGTM, nothing to change", (string?)round["critique"]);
        Assert.True((bool)round["accepted"]!);
        Assert.Null(round["revision"]);
    }

    [Fact]
    public async Task Critiques_that_never_accept_run_max_rounds_of_critique_and_revision()
    {
        var model = Model(round => $"weak point {round}");

        var record = await Patterns.RunAsync(Refine(3), model, ("question", "tides"));

        var stage = record.Stages[1];
        Assert.Equal(6, stage.Calls);
        Assert.Equal("v3", stage.Output.Text);
        Assert.Equal("v3", record.Output.Text);
        Assert.Equal("max_rounds", (string?)stage.Details!["stopped_by"]);
        var rounds = stage.Details!["rounds"]!.AsArray();
        Assert.Equal(3, rounds.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i + 1, (int)rounds[i]!["round"]!);
            Assert.Equal($"weak point {i + 1}", (string?)rounds[i]!["critique"]);
            Assert.False((bool)rounds[i]!["accepted"]!);
            Assert.Equal($"v{i + 1}", (string?)rounds[i]!["revision"]);
        }
    }

    [Fact]
    public async Task Each_revision_sees_the_latest_draft_and_its_critique()
    {
        var model = Model(round => $"weak point {round}");

        await Patterns.RunAsync(Refine(2), model, ("question", "tides"));

        var prompts = model.Requests.OrderBy(r => r.Number).Select(r => r.Prompt).ToList();
        Assert.Equal(
            [
                "write about tides",
                "critique round 1: v0",
                "revise round 1: v0 given weak point 1",
                "critique round 2: v1",
                "revise round 2: v1 given weak point 2",
            ],
            prompts);
    }

    [Fact]
    public async Task A_critique_that_accepts_a_later_draft_keeps_that_draft()
    {
        var model = Model(round => round == 2 ? "LGTM" : "too short");

        var record = await Patterns.RunAsync(Refine(5), model, ("question", "tides"));

        var stage = record.Stages[1];
        Assert.Equal(3, stage.Calls); // critique, revise, critique
        Assert.Equal("v1", stage.Output.Text);
        Assert.Equal("accepted", (string?)stage.Details!["stopped_by"]);
        var rounds = stage.Details!["rounds"]!.AsArray();
        Assert.Equal(2, rounds.Count);
        Assert.Equal("v1", (string?)rounds[0]!["revision"]);
        Assert.True((bool)rounds[1]!["accepted"]!);
        Assert.False(rounds[1]!.AsObject().ContainsKey("revision"));
    }

    [Fact]
    public async Task A_revision_without_a_value_keeps_the_draft_before_it_and_says_so()
    {
        var model = new ScriptedChatClient(request => request.Prompt.StartsWith("write", StringComparison.Ordinal) ? "v0"
            : request.Prompt.StartsWith("critique", StringComparison.Ordinal) ? "meh"
            : " ");

        var record = await Patterns.RunAsync(Refine(1), model, ("question", "tides"));

        var stage = record.Stages[1];
        Assert.Equal("v0", stage.Output.Text);
        Assert.Contains(stage.Issues, i => i.Contains("round 1's revision had no value", StringComparison.Ordinal));
        Assert.Null(stage.Details!["rounds"]![0]!["revision"]);
    }

    [Fact]
    public async Task Critique_and_revision_calls_get_distinct_seeds()
    {
        var model = Model(round => $"weak point {round}");

        await Patterns.RunAsync(Refine(2), model, ("question", "tides"));

        Assert.Equal(5, model.Requests.Select(r => r.Options?.Seed).Distinct().Count());
    }

    [Fact]
    public async Task The_details_are_json_with_one_entry_per_round()
    {
        var model = Model(round => round == 1 ? "fix it" : "LGTM");

        var record = await Patterns.RunAsync(Refine(2), model, ("question", "tides"));

        var expected = JsonNode.Parse("""
            {
              "rounds": [
                { "round": 1, "critique": "fix it", "accepted": false, "revision": "v1" },
                { "round": 2, "critique": "LGTM", "accepted": true }
              ],
              "stopped_by": "accepted"
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, record.Stages[1].Details), record.Stages[1].Details!.ToJsonString());
    }
}
