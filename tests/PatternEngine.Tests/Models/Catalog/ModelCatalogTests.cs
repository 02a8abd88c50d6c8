using PatternEngine.Models.Catalog;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Models.Catalog;

public sealed class ModelCatalogTests
{
    private static readonly ModelCatalog Shipped = ModelCatalog.Load(Path.Combine(Patterns.RepositoryRoot(), "catalog", "models.yaml"));

    [Fact]
    public void The_shipped_catalog_carries_the_seeds_price_table()
    {
        Assert.Equal("2025-04", Shipped.PricesAsOf);
        var mini = Shipped.Find("gpt-4.1-mini")!;
        Assert.Equal(0.40m, mini.InputPerMillion);
        Assert.Equal(1.60m, mini.OutputPerMillion);
        Assert.Equal(1_000_000, mini.ContextWindow);
        Assert.Equal<string>(["low", "medium", "high"], Shipped.Find("o3")!.ReasoningEfforts);
    }

    [Theory]
    [InlineData("gpt-4.1", "gpt-4.1")]
    [InlineData("GPT-4.1-MINI", "gpt-4.1-mini")]
    [InlineData("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini")]
    [InlineData("gpt-4.1-2099-01-01", "gpt-4.1")]
    [InlineData("stories260K", "stories260K")]
    public void A_model_is_found_by_id_pinned_version_or_dated_id(string asked, string found) =>
        Assert.Equal(found, Shipped.Find(asked)?.Id);

    [Theory]
    [InlineData("claude-3")]
    [InlineData("gpt-4")]
    [InlineData("")]
    public void A_model_the_catalog_does_not_list_is_not_guessed(string asked) =>
        Assert.Null(Shipped.Find(asked));

    [Fact]
    public void Cost_is_tokens_times_the_price_per_million() =>
        Assert.Equal(0.0024m, Shipped.Find("gpt-4.1")!.CostOf(1000, 50)); // 1000 * 2 / 1e6 + 50 * 8 / 1e6

    [Fact]
    public void The_shipped_openai_models_cost_half_through_the_batch_api_and_a_model_without_batch_prices_costs_its_standard_price()
    {
        Assert.All(Shipped.Models.Where(m => m.Provider == "openai"), m =>
        {
            Assert.Equal(m.InputPerMillion / 2, m.BatchInputPerMillion);
            Assert.Equal(m.OutputPerMillion / 2, m.BatchOutputPerMillion);
        });
        Assert.Equal(0.0012m, Shipped.Find("gpt-4.1")!.CostOf(1000, 50, batched: true));
        Assert.Equal(0m, Shipped.Find("stories260K")!.CostOf(1000, 50, batched: true));
        var standardOnly = ModelCatalog.Parse("models:\n  - { id: a, input_per_million: 1, output_per_million: 2 }\n").Find("a")!;
        Assert.Equal(standardOnly.CostOf(1000, 50), standardOnly.CostOf(1000, 50, batched: true));
    }

    [Fact]
    public void A_model_with_one_batch_price_is_located()
    {
        const string yaml = "models:\n  - { id: a, input_per_million: 1, output_per_million: 2, batch_input_per_million: 0.5 }\n";

        var error = Assert.Throws<CatalogFileException>(() => ModelCatalog.Parse(yaml, "c.yaml"));

        Assert.StartsWith("c.yaml:2:5: model 'a' gives one batch price", Assert.Single(error.Diagnostics).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_catalog_names_where_and_what()
    {
        const string yaml = "prices_as_of: 2025-04\nmodels:\n  - id: a\n    input_per_million: -1\n    output_per_million: 1\n    colour: red\n";

        var error = Assert.Throws<CatalogFileException>(() => ModelCatalog.Parse(yaml, "c.yaml"));

        Assert.Contains(error.Diagnostics, d => d.ToString().StartsWith("c.yaml:4:24: ", StringComparison.Ordinal) && d.Message.Contains("the minimum is 0", StringComparison.Ordinal));
        Assert.Contains(error.Diagnostics, d => d.ToString().StartsWith("c.yaml:6:5: ", StringComparison.Ordinal) && d.Message.Contains("unknown field 'colour'", StringComparison.Ordinal));
    }

    // Issue 11: a price too large for a decimal, or a non-mapping file, exited 1 without a location.
    [Theory]
    [InlineData("prices_as_of: x\nmodels:\n  - { id: a, input_per_million: 1e300, output_per_million: 1 }\n", "c.yaml:3:33: 'models[0].input_per_million' 1E+300 is out of range; the maximum is 1000000")]
    [InlineData("prices_as_of: x\nmodels:\n  - { id: a, input_per_million: 1, output_per_million: 1, context_window: 99999999999 }\n", "c.yaml:3:75: 'models[0].context_window' 99999999999 is out of range; the maximum is 100000000")]
    [InlineData("- just a list\n", "c.yaml:1:1: the file must be a mapping, not a list")]
    public void Figures_out_of_range_and_other_shapes_are_located(string yaml, string expected) =>
        Assert.Equal(expected, Assert.Throws<CatalogFileException>(() => ModelCatalog.Parse(yaml, "c.yaml")).Diagnostics[0].ToString());

    [Fact]
    public void A_model_listed_twice_is_reported()
    {
        const string yaml = "prices_as_of: x\nmodels:\n  - { id: a, input_per_million: 1, output_per_million: 1 }\n  - { id: A, input_per_million: 2, output_per_million: 2 }\n";

        var error = Assert.Throws<CatalogFileException>(() => ModelCatalog.Parse(yaml, "c.yaml"));

        Assert.Equal("c.yaml:4:5: model 'a' is listed twice; list each model once", Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public async Task Calls_are_costed_at_the_catalogs_prices_and_unlisted_models_say_so()
    {
        var priced = new ScriptedChatClient(_ => "four words of answer") { ModelId = "gpt-4.1-mini-2025-04-14" };
        var unlisted = new ScriptedChatClient(_ => "x") { ModelId = "mystery-model" };
        const string yaml = "name: c\nversion: 1\nstages:\n  - id: a\n    kind: prompt\n    template: one two three\noutput: a\n";
        void Options(PatternEngineBuilder engine) => engine.WithCatalog(Shipped);

        var pricedRun = await Engines.For(priced, Options).Compile(Patterns.Parse(yaml)).RunAsync(new Dictionary<string, string>());
        var unlistedRun = await Engines.For(unlisted, Options).Compile(Patterns.Parse(yaml)).RunAsync(new Dictionary<string, string>());

        Assert.Equal(((3 * 0.40m) + (4 * 1.60m)) / 1_000_000m, pricedRun.Totals.CostUsd);
        Assert.Equal(0, pricedRun.Totals.UnpricedCalls);
        Assert.Null(unlistedRun.Stages[0].CallRecords[0].CostUsd);
        Assert.Equal(1, unlistedRun.Totals.UnpricedCalls);
    }
}
