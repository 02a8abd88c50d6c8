using PatternEngine.Models.Catalog;
using PatternEngine.Tests.Cli;

namespace PatternEngine.Tests.Models.Catalog;

/// <summary>A user's own catalog over the built-in one: their models priced (or not), checked like the built-in.</summary>
public sealed class UserCatalogTests : IDisposable
{
    private const string Mine = """
        # My local server's models, and a cheaper deal on one of OpenAI's.
        models:
          - { id: qwen2.5-7b, provider: local-server, input_per_million: 0, output_per_million: 0 }
          - { id: llama-70b, provider: vllm }
          - { id: gpt-4.1-mini, version: my-deployment, input_per_million: 0.2, output_per_million: 0.8 }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_users_entries_replace_built_in_ones_of_the_same_id_and_add_the_rest()
    {
        var catalog = ModelCatalog.BuiltIn.With(ModelCatalog.Parse(Mine, "mine.yaml"));

        Assert.Equal((0.2m, "my-deployment"), (catalog.Find("gpt-4.1-mini")!.InputPerMillion, catalog.Find("gpt-4.1-mini")!.Version));
        Assert.Equal(2.00m, catalog.Find("gpt-4.1")!.InputPerMillion);
        Assert.Single(catalog.Models, m => m.Id == "gpt-4.1-mini");
        Assert.Equal("2025-04", catalog.PricesAsOf);
    }

    [Fact]
    public void A_price_of_zero_is_a_price_and_a_model_without_one_has_an_unknown_cost()
    {
        var catalog = ModelCatalog.Parse(Mine, "mine.yaml");

        Assert.Equal(0m, catalog.Find("qwen2.5-7b")!.CostOf(1_000, 1_000));
        Assert.True(catalog.Find("qwen2.5-7b")!.IsPriced);
        Assert.Null(catalog.Find("llama-70b")!.CostOf(1_000, 1_000));
        Assert.False(catalog.Find("llama-70b")!.IsPriced);
    }

    [Fact]
    public void One_price_without_the_other_is_refused_where_it_is_written()
    {
        var error = Assert.Throws<CatalogFileException>(() => ModelCatalog.Parse("models:\n  - { id: half, input_per_million: 1 }\n", "mine.yaml"));

        Assert.Equal(
            "mine.yaml:2:5: model 'half' gives one price; give both input_per_million and output_per_million, or neither (its cost is then unknown)",
            Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public void The_per_user_catalog_is_read_when_present_and_a_named_file_takes_its_place()
    {
        var perUser = _dir.Write("catalog.yaml", "models:\n  - { id: per-user-model, input_per_million: 1, output_per_million: 1 }\n");
        var named = _dir.Write("named.yaml", "models:\n  - { id: named-model, input_per_million: 1, output_per_million: 1 }\n");

        Assert.NotNull(UserCatalog.Load(null, perUser).Find("per-user-model"));
        Assert.Null(UserCatalog.Load(named, perUser).Find("per-user-model"));
        Assert.NotNull(UserCatalog.Load(named, perUser).Find("named-model"));
        Assert.Equal(ModelCatalog.BuiltIn.Models.Length, UserCatalog.Load(null, Path.Combine(_dir.Path, "absent.yaml")).Models.Length);
    }

    [Fact]
    public void A_named_catalog_that_is_missing_or_invalid_is_refused_with_its_location()
    {
        var broken = _dir.Write("broken.yaml", "models:\n  - { id: x, input_per_million: -1, output_per_million: 1 }\n");

        Assert.StartsWith(Path.Combine(_dir.Path, "absent.yaml") + ":1:1: cannot read the model catalog",
            Assert.Single(Assert.Throws<CatalogFileException>(() => UserCatalog.Load(Path.Combine(_dir.Path, "absent.yaml"), "none")).Diagnostics).ToString(), StringComparison.Ordinal);
        Assert.StartsWith(broken + ":2:33: ", Assert.Throws<CatalogFileException>(() => UserCatalog.Load(broken, "none")).Diagnostics[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_folder_is_PATTERNS_HOME_else_dot_patterns_in_the_home_folder()
    {
        Assert.Equal(Path.Combine("/home/ada", ".patterns"), UserFolder.Resolve(null, "/home/ada"));
        Assert.Equal("/srv/patterns", UserFolder.Resolve("/srv/patterns", "/home/ada"));
    }
}
