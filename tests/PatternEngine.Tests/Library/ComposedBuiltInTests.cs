using PatternEngine.Definitions;
using PatternEngine.Library;
using PatternEngine.Models.Catalog;
using PatternEngine.Selection;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Library;

/// <summary>The composed built-in patterns: listed, made of the built-ins they name, expected to cost what their parts do.</summary>
public sealed class ComposedBuiltInTests
{
    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    private static PatternDefinition Load(string name) => BuiltIns.Load(BuiltIns.Resolve(name));

    [Fact]
    public void The_library_lists_the_composed_patterns_and_role_playing()
    {
        var names = BuiltIns.List().Select(e => e.Name).ToList();

        Assert.Superset(new HashSet<string> { "consistent-chain-of-thought", "skeleton-critique", "role-playing" }, names.ToHashSet());
        Assert.Equal(names, BuiltIns.Names());
        Assert.DoesNotContain(BuiltIns.List(), e => e.Summary.StartsWith("invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void Consistent_chain_of_thought_samples_the_built_in_chain_of_thought_five_times_and_votes()
    {
        var pattern = Load("consistent-chain-of-thought");

        var samples = Assert.IsType<FanOutStage>(pattern.Stages[0]);
        Assert.Equal((5, "chain-of-thought", 0.8), (samples.Count, samples.PatternBody!.Definition!.Name, samples.PatternBody.Temperature));
        Assert.Equal(["samples[*].reasoning", "vote"], QualifiedStages.Of(pattern).Select(s => s.Id));
    }

    [Fact]
    public void Skeleton_critique_puts_every_point_through_the_built_in_self_critique()
    {
        var pattern = Load("skeleton-critique");

        Assert.Equal("self-critique", Assert.IsType<MapStage>(pattern.Stages[1]).PatternBody!.Definition!.Name);
        Assert.Equal(["outline", "points[*].draft", "points[*].refined", "answer"], QualifiedStages.Of(pattern).Select(s => s.Id));
    }

    [Theory]
    [InlineData("consistent-chain-of-thought", "self-consistency", "chain-of-thought")]
    [InlineData("skeleton-critique", "skeleton-fill-in", "self-critique")]
    public void A_composed_patterns_expectation_is_derived_from_its_parts(string name, string outer, string inner)
    {
        var derived = ExpectedDeltas.Compose(Load(outer).Expected!, Load(inner).Expected!);

        Assert.Equal(derived, Load(name).Expected);
    }

    [Fact]
    public void Composing_multiplies_the_factors_and_rounds_outward()
    {
        var composed = ExpectedDeltas.Compose(
            new ExpectedDeltas { TokensPercent = new PercentRange(200, 300), LatencyPercent = new PercentRange(150, 250) },
            new ExpectedDeltas { TokensPercent = new PercentRange(40, 80), LatencyPercent = new PercentRange(30, 50) });

        Assert.Equal(new PercentRange(320, 620), composed.TokensPercent);
        Assert.Equal(new PercentRange(225, 425), composed.LatencyPercent);
        Assert.Equal(new PercentRange(-3, 19), ExpectedDeltas.Compose(
            new ExpectedDeltas { LatencyPercent = new PercentRange(-15, -5) },
            new ExpectedDeltas { LatencyPercent = new PercentRange(15, 25) }).LatencyPercent);
        Assert.Null(ExpectedDeltas.Compose(new ExpectedDeltas { TokensPercent = new PercentRange(1, 2) }, new ExpectedDeltas()).TokensPercent);
    }

    [Fact]
    public void Role_playing_puts_a_persona_in_the_system_message_and_expects_five_to_fifteen_percent_more_tokens()
    {
        var pattern = Load("role-playing");

        var answer = Assert.IsType<PromptStage>(Assert.Single(pattern.Stages));
        Assert.Contains("{{ persona }}", answer.Prompt.System, StringComparison.Ordinal);
        Assert.Equal(new PercentRange(5, 15), pattern.Expected!.TokensPercent);
        Assert.Equal(new PercentRange(-5, 5), pattern.Expected.LatencyPercent);
        Assert.False(pattern.Inputs.Single(i => i.Name == "persona").Required);
    }

    [Fact]
    public void Selection_chooses_per_included_stage_with_priors_for_every_sample()
    {
        var catalog = ModelCatalog.BuiltIn;
        var model = catalog.Find("gpt-4.1-mini")!;

        var choices = PatternSelection.Choose(Load("consistent-chain-of-thought"), [model.Id], catalog, new Dictionary<string, IReadOnlyDictionary<string, StageProfile>>(), new Slo(), RoutingMode.Standard);

        Assert.Equal(["samples[*].reasoning", "vote"], choices.Select(c => c.Stage));
        var prior = choices[0].Chosen!;
        Assert.True(prior.IsPrior);
        Assert.Equal(5 * (ProfilePrior.AssumedInputTokens + 128), prior.MeanTokens); // five samples of one 128-token call
        Assert.False(choices[1].CallsModel);
    }
}
