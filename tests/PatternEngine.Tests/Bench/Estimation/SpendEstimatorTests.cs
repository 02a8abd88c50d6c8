using PatternEngine.Bench.Estimation;
using PatternEngine.Bench.History;
using PatternEngine.Models.Catalog;
using PatternEngine.Tests.Bench.History;
using PatternEngine.Tests.Cli;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Bench.Estimation;

public sealed class SpendEstimatorTests : IDisposable
{
    // $1 per million sent, $2 per million answered: costs are easy to check by hand.
    private static readonly ModelCatalog Catalog = ModelCatalog.Parse("""
        models:
          - { id: gpt-4.1-mini, input_per_million: 1, output_per_million: 2 }
          - { id: tiny-model, input_per_million: 1, output_per_million: 2 }
          - { id: judge-model, input_per_million: 1, output_per_million: 2 }
        """);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static SpendEstimate Estimate(string yaml, string? database = null, params (string Name, string Value)[] inputs) =>
        SpendEstimator.Estimate(Patterns.Parse(yaml), new EstimateOptions
        {
            Catalog = Catalog,
            Database = database,
            DefaultModel = "gpt-4.1-mini",
            Inputs = inputs.ToDictionary(i => i.Name, i => i.Value),
        });

    // The o200k_base count of a one-message request, as the budget counts it: 3 priming + 3 per message + role + text.
    private static long Sent(string text) =>
        3 + 3 + Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens("user") + Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(text);

    [Fact]
    public void A_prompt_stage_sends_its_template_with_the_given_inputs_and_answers_its_max_tokens_at_the_catalogs_price()
    {
        var estimate = Estimate("""
            name: one
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - { id: answer, kind: prompt, template: "Q: {{ question }}", max_tokens: 100 }
            output: answer
            """, null, ("question", "What is the capital of France?"));

        var stage = Assert.Single(estimate.Stages);
        var sent = Sent("Q: {{ question }}What is the capital of France?");
        Assert.Equal(("answer", "prompt", "gpt-4.1-mini", EstimateBasis.Prior), (stage.Stage, stage.Kind, stage.Model, stage.Basis));
        Assert.Equal((1.0, 1L), (stage.ExpectedCalls, stage.WorstCalls));
        Assert.Equal(sent + 100, stage.WorstTokens);
        Assert.Equal(stage.WorstTokens, stage.ExpectedTokens);
        Assert.Equal(((sent * 1m) + (100 * 2m)) / 1_000_000m, stage.WorstCostUsd);
        Assert.Equal(stage.WorstCostUsd, estimate.WorstCostUsd);
    }

    [Fact]
    public void Fan_out_counts_and_refine_rounds_multiply_and_refine_expects_one_round_but_bounds_all()
    {
        var estimate = Estimate("""
            name: sampled-refined
            version: 1.0.0
            stages:
              - { id: samples, kind: fan_out, count: 5, body: { template: "Pick {{ index }}", max_tokens: 10 } }
              - id: better
                kind: refine
                from: samples
                max_rounds: 3
                stop_when: "critique == 'OK'"
                critique: { template: "Critique {{ draft }}", max_tokens: 20 }
                revise: { template: "Revise {{ draft }} per {{ critique }}", max_tokens: 30 }
            output: better
            """);

        var samples = estimate.Stages[0];
        Assert.Equal((5.0, 5L, 5 * (Sent("Pick {{ index }}") + 10)), (samples.ExpectedCalls, samples.WorstCalls, samples.WorstTokens));
        var refine = estimate.Stages[1];
        // A draft is the fan-out's five answers at their most, 5 x 10 tokens; the revise prompt reads the critique too.
        var critique = Sent("Critique {{ draft }}") + 50 + 20;
        var revise = Sent("Revise {{ draft }} per {{ critique }}") + 50 + 20 + 30;
        Assert.Equal((2.0, 6L), (refine.ExpectedCalls, refine.WorstCalls));
        Assert.Equal(critique + revise, refine.ExpectedTokens);
        Assert.Equal(3 * (critique + revise), refine.WorstTokens);
        Assert.Equal(samples.WorstTokens + refine.WorstTokens, estimate.WorstTokens);
    }

    [Fact]
    public void A_maps_items_come_from_its_list_input_and_are_unknown_without_it()
    {
        const string Yaml = """
            name: mapped
            version: 1.0.0
            inputs:
              points: { type: list }
            stages:
              - { id: each, kind: map, over: points, body: { template: "Expand {{ item }}", max_tokens: 10 } }
            output: each
            """;

        var known = Assert.Single(Estimate(Yaml, null, ("points", "[\"a\", \"b\", \"c\"]")).Stages);
        var unknown = Estimate(Yaml);

        Assert.Equal((3L, false), (known.WorstCalls, known.ItemsUnknown));
        Assert.Equal((1L, true), (unknown.Stages[0].WorstCalls, unknown.ItemsUnknown));
        Assert.Contains("unknown", unknown.Stages[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_knockout_tournament_judges_one_pair_less_than_its_candidates()
    {
        var estimate = Estimate("""
            name: ranked
            version: 1.0.0
            stages:
              - { id: drafts, kind: fan_out, count: 4, body: { template: "Draft {{ index }}", max_tokens: 10 } }
              - { id: best, kind: tournament, candidates: [drafts], judge: { template: "A: {{ a }} B: {{ b }}", max_tokens: 5 } }
            output: best
            """);

        Assert.Equal(3L, estimate.Stages[1].WorstCalls);
    }

    [Fact]
    public void A_stage_measured_in_the_history_on_its_model_expects_its_measured_figures_and_keeps_the_bounded_worst_case()
    {
        var database = Path.Combine(_dir.Path, "history.db");
        using (var history = BenchHistory.Open(database))
        {
            history.Save(SyntheticBench.Report(SyntheticBench.Start));
        }

        var estimate = Estimate($$$"""
            name: self-check
            version: 1.0.0
            stages:
              - { id: draft, kind: prompt, template: "Draft", model: {{{SyntheticBench.Model}}}, max_tokens: 100 }
              - { id: check, kind: prompt, template: "Check {{ draft }}", model: {{{SyntheticBench.Judge}}}, max_tokens: 100 }
              - { id: extra, kind: prompt, template: "Extra", max_tokens: 100 }
            output: check
            """, database);

        var draft = estimate.Stages[0];
        Assert.Equal(EstimateBasis.Measured, draft.Basis);
        Assert.Equal(22.5, draft.ExpectedTokens); // the stored runs' mean (see ProfileSourceTests)
        // tiny-model's tokenizer is unknown: its prompt is bounded as the budget bounds it, 8 tokens per message and
        // around the request besides a byte per byte of role and text.
        Assert.Equal(8 + 8 + "user".Length + "Draft".Length + 100, draft.WorstTokens);
        Assert.StartsWith("measured: 2 stage runs", draft.Note, StringComparison.Ordinal);
        Assert.Equal(EstimateBasis.Measured, estimate.Stages[1].Basis);
        Assert.Equal(EstimateBasis.Prior, estimate.Stages[2].Basis); // never benched
    }

    [Fact]
    public void A_model_the_catalog_does_not_price_has_no_cost_rather_than_zero()
    {
        var estimate = Estimate("""
            name: unpriced
            version: 1.0.0
            stages:
              - { id: answer, kind: prompt, template: "Hi", model: nowhere-model }
            output: answer
            """);

        Assert.Null(estimate.Stages[0].WorstCostUsd);
        Assert.Null(estimate.WorstCostUsd);
        Assert.True(estimate.WorstTokens > 256);
    }
}
