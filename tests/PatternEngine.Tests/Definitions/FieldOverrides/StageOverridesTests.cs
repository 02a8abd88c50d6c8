using PatternEngine.Definitions;
using PatternEngine.Definitions.FieldOverrides;
using PatternEngine.Library;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Definitions.FieldOverrides;

/// <summary>Stage-field overrides: checked against the stage's kind and the field's range, applied to a new definition.</summary>
public sealed class StageOverridesTests
{
    private static readonly PatternLoadOptions BuiltIns = new() { Library = new PatternLibrary(Path.Combine(Patterns.RepositoryRoot(), "patterns")) };

    private static PatternDefinition BuiltIn(string name) => BuiltIns.Library!.Load(BuiltIns.Library.Resolve(name));

    [Fact]
    public void Overrides_make_a_new_definition_and_leave_the_original_as_it_was()
    {
        var original = BuiltIn("self-consistency");

        var changed = StageOverrides.Parse(["samples.count=9", "samples.temperature=0.5", "samples.max_tokens=20", "samples.model=judge"], "--set").ApplyTo(original);

        var samples = Assert.IsType<FanOutStage>(changed.Stages[0]);
        Assert.Equal(9, samples.Count);
        Assert.Equal(0.5, samples.Body!.Temperature);
        Assert.Equal(20, samples.Body.MaxTokens);
        Assert.Equal("judge", samples.Body.Model);
        Assert.Equal(5, Assert.IsType<FanOutStage>(original.Stages[0]).Count);
    }

    [Fact]
    public void A_later_setting_of_the_same_field_wins()
    {
        var changed = StageOverrides.Parse(["samples.count=3", "samples.count=7"], "--set").ApplyTo(BuiltIn("self-consistency"));

        Assert.Equal(7, Assert.IsType<FanOutStage>(changed.Stages[0]).Count);
    }

    [Fact]
    public void A_refine_stage_takes_max_rounds()
    {
        var changed = StageOverrides.Parse(["refined.max_rounds=4"], "--set").ApplyTo(BuiltIn("self-critique"));

        Assert.Equal(4, Assert.IsType<RefineStage>(changed.Stages[1]).MaxRounds);
    }

    [Fact]
    public void A_stage_of_an_included_pattern_is_named_by_its_qualified_id()
    {
        var definition = BuiltIn("consistent-chain-of-thought");
        var nested = QualifiedStages.Of(definition).First(s => s.Stage.Prompts.Any());

        var changed = StageOverrides.Parse([$"{nested.Id}.max_tokens=33"], "--set").ApplyTo(definition);

        var stage = QualifiedStages.Of(changed).Single(s => s.Id == nested.Id).Stage;
        Assert.All(stage.Prompts, slot => Assert.Equal(33, slot.Prompt.MaxTokens));
    }

    [Theory]
    [InlineData("nowhere.count=3", "--vary:1:1: pattern 'self-consistency' has no stage 'nowhere'; its stages are 'samples', 'vote'")]
    [InlineData("vote.count=3", "--vary:1:1: stage 'vote' is a reduce stage, which has no field 'count'; it has none an override can set")]
    [InlineData("samples.max_rounds=3", "--vary:1:1: stage 'samples' is a fan_out stage, which has no field 'max_rounds'; it has count, max_tokens, temperature, model")]
    [InlineData("samples.colour=3", "--vary:1:1: 'colour' is not a field an override can set; use count, max_rounds, max_tokens, temperature, model")]
    [InlineData("samples.count=three", "--vary:1:1: samples.count takes a whole number from 1 to 64, not 'three'")]
    [InlineData("samples.count=65", "--vary:1:1: samples.count takes a whole number from 1 to 64, not '65'")]
    [InlineData("samples.temperature=2.5", "--vary:1:1: samples.temperature takes a number from 0 to 2, not '2.5'")]
    public void A_setting_that_does_not_fit_is_reported_where_it_was_written(string setting, string expected)
    {
        var error = Assert.Throws<PatternFileException>(() => StageOverrides.Parse([setting], "--vary").ApplyTo(BuiltIn("self-consistency")));

        Assert.Equal(expected, Assert.Single(error.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("samples")]
    [InlineData("samples.count")]
    [InlineData(".count=3")]
    [InlineData("samples.=3")]
    public void Text_that_is_not_a_setting_is_reported(string setting)
    {
        var error = Assert.Throws<PatternFileException>(() => StageOverrides.Parse(["samples.count=3", setting], "--set"));

        Assert.StartsWith("--set:2:1: ", Assert.Single(error.Diagnostics).ToString(), StringComparison.Ordinal);
    }
}
