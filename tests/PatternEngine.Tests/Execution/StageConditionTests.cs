using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Execution;

public sealed class StageConditionTests
{
    private const string Ranking = """
        name: ranking
        version: 1.0.0
        inputs:
          question: { type: string }
          candidates: { type: list, required: false }
        stages:
          - id: generated
            kind: fan_out
            when: "candidates.size == 0"
            count: 2
            body: { template: "generate {{ index }}" }
          - id: winner
            kind: tournament
            candidates: [candidates, generated]
            judge: { template: "{{ a }} or {{ b }}" }
        output: winner
        """;

    [Fact]
    public async Task A_stage_whose_condition_is_false_is_skipped_without_calls()
    {
        var model = new ScriptedChatClient(_ => "A");

        var record = await Patterns.RunAsync(Ranking, model, ("question", "q"), ("candidates", "[\"cat\", \"dog\"]"));

        var generated = record.Stages.Single(s => s.Id == "generated");
        Assert.True(generated.Skipped);
        Assert.Equal(0, generated.Calls);
        Assert.Empty(generated.Output.AsList());
        Assert.DoesNotContain(model.Requests, r => r.Prompt.StartsWith("generate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_candidate_source_with_items_is_ranked()
    {
        var model = new ScriptedChatClient(_ => "A");

        var record = await Patterns.RunAsync(Ranking, model, ("question", "q"), ("candidates", "cat\ndog"));

        Assert.True(record.Output.Text is "cat" or "dog", record.Output.Text);
        Assert.Equal(1, record.Stages.Single(s => s.Id == "winner").Calls);
    }

    [Fact]
    public async Task Without_given_candidates_the_generated_ones_are_ranked()
    {
        var model = new ScriptedChatClient(r => r.Prompt.StartsWith("generate", StringComparison.Ordinal) ? "made " + r.Prompt[^1] : "B");

        var record = await Patterns.RunAsync(Ranking, model, ("question", "q"));

        Assert.False(record.Stages.Single(s => s.Id == "generated").Skipped);
        Assert.StartsWith("made ", record.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_reading_a_stage_waits_for_it()
    {
        const string yaml = """
            name: gated
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: check
                kind: prompt
                template: "check {{ question }}"
              - id: follow_up
                kind: prompt
                when: "check != 'fine'"
                template: "fix {{ question }}"
            output: follow_up
            """;
        var model = new ScriptedChatClient(r => r.Prompt.StartsWith("check", StringComparison.Ordinal) ? "fine" : "fixed");

        var compiled = Patterns.Compile(yaml, model);
        var record = await compiled.RunAsync(new Dictionary<string, string> { ["question"] = "q" });

        Assert.Equal<string>(["check"], compiled.Plan.Stages.Single(s => s.Id == "follow_up").DependsOn);
        Assert.True(record.Stages.Single(s => s.Id == "follow_up").Skipped);
        Assert.Equal(1, record.Totals.Calls);
    }
}
