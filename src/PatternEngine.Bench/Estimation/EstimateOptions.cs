using PatternEngine.Models.Catalog;

namespace PatternEngine.Bench.Estimation;

/// <summary>What an estimate knows besides the pattern: prices, the history, the model, the inputs.</summary>
public sealed record EstimateOptions
{
    /// <summary>The catalog whose prices and call settings apply.</summary>
    public ModelCatalog Catalog { get; init; } = ModelCatalog.BuiltIn;

    /// <summary>The bench history whose measured profiles are used when it has the stage on its model; null for priors only.</summary>
    public string? Database { get; init; }

    /// <summary>The model that answers the stages whose prompts name no model (<c>default</c>).</summary>
    public required string DefaultModel { get; init; }

    /// <summary>The run's inputs as text, when known: they size the prompts, and a map's list gives its item count.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();
}
