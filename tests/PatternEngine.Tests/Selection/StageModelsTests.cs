using PatternEngine.Definitions;
using PatternEngine.Selection;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Selection;

public sealed class StageModelsTests
{
    private const string Refined = """
        name: refined
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: draft
            kind: prompt
            template: "{{ question }}"
          - id: better
            kind: refine
            from: draft
            stop_when: "ACCEPT"
            critique: { template: "critique {{ draft }}" }
            revise: { template: "revise {{ draft }} {{ critique }}" }
        output: better
        """;

    private static IEnumerable<string> Models(PatternDefinition definition, string stage) =>
        definition.Stages.Single(s => s.Id == stage).Prompts.Select(p => p.Prompt.Model);

    [Fact]
    public void WithModels_routes_every_prompt_of_each_planned_stage_and_leaves_the_others()
    {
        var definition = StageModels.WithModels(Patterns.Parse(Refined), new Dictionary<string, string> { ["better"] = "big" });

        Assert.Equal(["big", "big"], Models(definition, "better"));
        Assert.Equal(["default"], Models(definition, "draft"));
    }

    [Fact]
    public void WithModel_routes_every_stage_and_stages_that_aggregate_call_no_model()
    {
        var definition = StageModels.WithModel(Patterns.Parse(ModelSelectorTests.SamplesThenVote), "small");

        Assert.Equal(["small"], Models(definition, "samples"));
        Assert.False(StageModels.CallsModel(definition.Stages.Single(s => s.Id == "vote")));
    }
}
