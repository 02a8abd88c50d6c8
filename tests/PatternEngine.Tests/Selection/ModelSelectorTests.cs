using PatternEngine.Tests.Support;
using PatternEngine.Models.Catalog;
using PatternEngine.Selection;

namespace PatternEngine.Tests.Selection;

public sealed class ModelSelectorTests
{
    internal const string SamplesThenVote = """
        name: samples-then-vote
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: 3
            body: { template: "{{ question }}", max_tokens: 16 }
          - id: vote
            kind: reduce
            from: samples
            method: vote
        output: vote
        """;

    private static StageProfile Measured(string model, double cost, double p95, double? accuracy = 0.9, double errors = 0) => new()
    {
        Model = model,
        Stage = "answer",
        Runs = 20,
        MeanCostUsd = cost,
        TimedRuns = 20,
        LatencyP50Ms = p95 / 2,
        LatencyP95Ms = p95,
        ScoredRuns = accuracy is null ? 0 : 20,
        Accuracy = accuracy,
        Calls = 20,
        ErrorRate = errors,
        Basis = "measured",
    };

    [Fact]
    public void Choose_picks_the_cheapest_model_that_meets_every_target()
    {
        var slo = new Slo { MinAccuracy = 0.8, MaxLatencyP95Ms = 1000 };
        StageProfile[] candidates =
        [
            Measured("cheapest-but-inaccurate", cost: 0.001, p95: 100, accuracy: 0.5),
            Measured("pricey", cost: 0.010, p95: 200),
            Measured("cheap", cost: 0.002, p95: 900),
            Measured("cheap-but-slow", cost: 0.0015, p95: 5000),
        ];

        var choice = ModelSelector.Choose("answer", candidates, slo, RoutingMode.Standard);

        Assert.Equal("cheap", choice.Chosen?.Model);
        Assert.Equal("pricey", choice.RunnerUp?.Model);
        Assert.Equal(["cheap-but-slow", "cheapest-but-inaccurate"], choice.Rejected.Select(r => r.Model));
        Assert.Contains("cheap is the cheapest", choice.Rationale, StringComparison.Ordinal);
        Assert.Contains("runner-up pricey", choice.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_names_each_failing_target_and_its_shortfall_when_no_candidate_meets_the_slo()
    {
        var slo = new Slo { MinAccuracy = 0.95, MaxLatencyP95Ms = 500 };
        StageProfile[] candidates = [Measured("a", 0.001, p95: 800, accuracy: 0.9), Measured("b", 0.002, p95: 300, accuracy: 0.7)];

        var choice = ModelSelector.Choose("answer", candidates, slo, RoutingMode.Thorough);

        Assert.Null(choice.Chosen);
        Assert.False(choice.IsFeasible);
        var a = choice.Rejected.Single(r => r.Model == "a").Misses;
        Assert.Equal(["min_accuracy", "max_latency_p95_ms"], a.Select(m => m.Target));
        Assert.Equal(0.05, a[0].Shortfall!.Value, 9);
        Assert.Equal(300, a[1].Shortfall!.Value, 9);
        var b = Assert.Single(choice.Rejected.Single(r => r.Model == "b").Misses);
        Assert.Equal("min_accuracy", b.Target);
        Assert.Contains("a: min_accuracy: 0.9 against 0.95, short by 0.05", choice.Rationale, StringComparison.Ordinal);
        Assert.Contains("max_latency_p95_ms: 800 against 500, over by 300", choice.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_breaks_a_tie_in_cost_by_latency_in_fast_mode_then_by_id_whatever_the_order()
    {
        var slo = new Slo { MaxCostUsd = 1 };
        StageProfile[] candidates = [Measured("zeta", 0.001, p95: 100), Measured("alpha", 0.001, p95: 100), Measured("slow", 0.001, p95: 900)];

        var forward = ModelSelector.Choose("answer", candidates, slo, RoutingMode.Fast);
        var backward = ModelSelector.Choose("answer", [.. candidates.Reverse()], slo, RoutingMode.Fast);

        Assert.Equal("alpha", forward.Chosen?.Model);
        Assert.Equal("zeta", forward.RunnerUp?.Model);
        Assert.Equal(forward.Chosen, backward.Chosen);
        Assert.Equal(forward.Rationale, backward.Rationale);
    }

    [Fact]
    public void Choose_breaks_a_tie_in_cost_by_accuracy_in_thorough_mode()
    {
        StageProfile[] candidates = [Measured("fast", 0, p95: 10, accuracy: 0.8), Measured("accurate", 0, p95: 90, accuracy: 0.95)];

        Assert.Equal("accurate", ModelSelector.Choose("answer", candidates, new Slo(), RoutingMode.Thorough).Chosen?.Model);
        Assert.Equal("fast", ModelSelector.Choose("answer", candidates, new Slo(), RoutingMode.Fast).Chosen?.Model);
    }

    [Fact]
    public void Choose_counts_an_unmeasured_figure_as_missing_its_target()
    {
        var prior = new StageProfile { Model = "never-benched", Stage = "answer", MeanCostUsd = 0, IsPrior = true, Basis = "prior" };

        var choice = ModelSelector.Choose("answer", [prior], new Slo { MaxLatencyP95Ms = 1000 }, RoutingMode.Fast);

        var miss = Assert.Single(Assert.Single(choice.Rejected).Misses);
        Assert.Null(miss.Actual);
        Assert.Equal("max_latency_p95_ms: not measured", miss.ToString());
    }

    [Fact]
    public void A_model_without_a_profile_falls_back_to_its_prior_and_is_labelled()
    {
        var definition = Patterns.Parse(SamplesThenVote);
        var catalog = ModelCatalog.Parse("""
            models:
              - { id: measured, input_per_million: 1, output_per_million: 1, provider: openai }
              - { id: unmeasured, input_per_million: 0.1, output_per_million: 0.4, provider: openai }
            """);
        var profiles = new Dictionary<string, IReadOnlyDictionary<string, StageProfile>>
        {
            ["samples"] = new Dictionary<string, StageProfile> { ["measured"] = Measured("measured", 0.01, 100) with { Stage = "samples" } },
        };

        var choices = PatternSelection.Choose(definition, ["measured", "unmeasured"], catalog, profiles, new Slo { MaxCostUsd = 0.05 }, RoutingMode.Standard);

        var samples = choices.Single(c => c.Stage == "samples");
        Assert.Equal("unmeasured", samples.Chosen?.Model);
        Assert.True(samples.Chosen!.IsPrior);
        Assert.StartsWith("prior: catalog prices on an assumed", samples.Chosen.Basis, StringComparison.Ordinal);
        Assert.Contains("prior: catalog prices", samples.Rationale, StringComparison.Ordinal);
        // 3 calls of 500 input + 16 output tokens at $0.1 and $0.4 per million.
        Assert.Equal(((1500 * 0.1) + (48 * 0.4)) / 1_000_000, samples.Chosen.MeanCostUsd!.Value, 12);

        var vote = choices.Single(c => c.Stage == "vote");
        Assert.False(vote.CallsModel);
        Assert.Null(vote.Chosen);
        Assert.True(vote.IsFeasible);
    }

    [Fact]
    public void A_model_without_a_price_misses_a_cost_target_as_unpriced_never_as_free()
    {
        var definition = Patterns.Parse(SamplesThenVote);
        var catalog = ModelCatalog.Parse("""
            models:
              - { id: listed-without-price, provider: mine }
              - { id: local-free, input_per_million: 0, output_per_million: 0 }
            """);
        var profiles = new Dictionary<string, IReadOnlyDictionary<string, StageProfile>>
        {
            ["samples"] = new Dictionary<string, StageProfile>
            {
                ["unlisted"] = Measured("unlisted", 0.01, 100) with { Stage = "samples", MeanCostUsd = null, Unpriced = true },
            },
        };

        var choices = PatternSelection.Choose(definition, ["unlisted", "listed-without-price", "local-free"], catalog, profiles, new Slo { MaxCostUsd = 0.05 }, RoutingMode.Standard);

        var samples = choices.Single(c => c.Stage == "samples");
        Assert.Equal("local-free", samples.Chosen?.Model);
        Assert.Equal(0, samples.Chosen!.MeanCostUsd);
        Assert.Equal(["listed-without-price", "unlisted"], samples.Rejected.Select(r => r.Model));
        Assert.All(samples.Rejected, r => Assert.Equal(
            "max_cost_usd: unpriced (give the model a price in your catalog, --catalog)", Assert.Single(r.Misses).ToString()));
    }
}
