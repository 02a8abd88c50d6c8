using Microsoft.Extensions.AI;
using PatternEngine.Models.Catalog;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Models.Catalog;

public sealed class CatalogSettingsTests
{
    private const string TwoConfigurations = """
        prices_as_of: 2025-04
        models:
          - id: tiny-short
            version: tiny.gguf
            provider: local
            input_per_million: 0
            output_per_million: 0
            settings: { max_tokens: 8, temperature: 0.2, top_p: 0.9 }
          - id: tiny
            provider: local
            input_per_million: 0
            output_per_million: 0
        """;

    [Fact]
    public void An_entry_reads_its_call_settings_and_one_without_has_none()
    {
        var catalog = ModelCatalog.Parse(TwoConfigurations);

        Assert.Equal(new CallSettings { MaxOutputTokens = 8, Temperature = 0.2f, TopP = 0.9f }, catalog.Find("tiny-short")!.Settings);
        Assert.Null(catalog.Find("tiny")!.Settings);
    }

    [Fact]
    public void The_shipped_catalog_has_two_configurations_of_the_embedded_model_and_reasoning_efforts_for_o3_and_o4_mini()
    {
        var shipped = ModelCatalog.Load(Path.Combine(Patterns.RepositoryRoot(), "catalog", "models.yaml"));

        var short_ = shipped.Find("stories260K-short")!;
        var long_ = shipped.Find("stories260K-long")!;
        Assert.Equal((short_.Version, short_.Provider), (long_.Version, long_.Provider));
        Assert.True(short_.Settings!.MaxOutputTokens < long_.Settings!.MaxOutputTokens);
        Assert.Equal<string>(["low", "medium", "high"], shipped.Find("o4-mini")!.ReasoningEfforts);
    }

    [Theory]
    [InlineData("settings: { max_tokens: 0 }")]
    [InlineData("settings: { temperature: 3 }")]
    [InlineData("settings: { seed: 1 }")]
    public void A_bad_setting_is_reported_at_its_line(string settings)
    {
        var yaml = $"prices_as_of: x\nmodels:\n  - id: m\n    input_per_million: 0\n    output_per_million: 0\n    {settings}\n";

        var error = Assert.Throws<CatalogFileException>(() => ModelCatalog.Parse(yaml, "models.yaml"));

        Assert.Contains(error.Diagnostics, d => d.Location.File == "models.yaml" && d.Location.Line == 6);
    }

    [Fact]
    public void Settings_replace_the_stages_own_and_leave_the_rest()
    {
        var applied = new CallSettings { MaxOutputTokens = 8 }.ApplyTo(new ChatOptions { MaxOutputTokens = 256, Temperature = 0.8f, ModelId = "x" });

        Assert.Equal((8, 0.8f, "x"), (applied.MaxOutputTokens, applied.Temperature, applied.ModelId));
    }
}
