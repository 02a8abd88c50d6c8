using System.Globalization;
using PatternEngine.Definitions;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Selection;

/// <summary>
/// What stands in for a model never measured on a stage: its cost from the catalog's prices on an assumed call size.
/// Latency, accuracy and errors stay unknown, so a target on them is not met until the model is benched; a model the
/// catalog does not price has no cost either, so a cost target is not met (unpriced) until it is given a price.
/// </summary>
internal static class ProfilePrior
{
    /// <summary>The input tokens assumed per call.</summary>
    public const int AssumedInputTokens = 500;

    /// <summary>
    /// A prior for the model <paramref name="id"/> (its catalog entry <paramref name="model"/>, if any) on
    /// <paramref name="stage"/>: one call per prompt (a fan-out's count of them), each sending 500 tokens and answering
    /// its max_tokens.
    /// </summary>
    public static StageProfile For(string id, CatalogModel? model, StageDefinition stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return For(id, model, new QualifiedStage(stage.Id, stage, 1));
    }

    /// <summary>
    /// A prior for the model <paramref name="id"/> on a stage however deeply nested: as for a stage of the pattern
    /// itself, times the times one run runs it (a fan-out of patterns runs each of their stages once per sample).
    /// </summary>
    public static StageProfile For(string id, CatalogModel? model, QualifiedStage qualified)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(qualified);
        var stage = qualified.Stage;
        var calls = (stage is FanOutStage fanOut ? fanOut.Count : 1) * qualified.Repeats;
        var prompts = stage.Prompts.Select(p => p.Prompt).ToList();
        var output = calls * prompts.Sum(p => (long)(model?.Settings?.MaxOutputTokens ?? p.MaxTokens));
        var input = (long)AssumedInputTokens * prompts.Count * calls;
        var cost = model?.CostOf(input, output);
        return new StageProfile
        {
            Model = id,
            Stage = qualified.Id,
            MeanTokens = input + output,
            MeanCostUsd = (double?)cost,
            Unpriced = cost is null,
            IsPrior = true,
            Basis = cost is null
                ? "prior: no price in the catalog, so cost, latency, accuracy and errors are unknown"
                : string.Create(CultureInfo.InvariantCulture,
                    $"prior: catalog prices on an assumed {input} input + {output} output tokens; latency, accuracy and errors unmeasured"),
        };
    }

    /// <summary>A prior for a catalog model, by its id.</summary>
    public static StageProfile For(CatalogModel model, StageDefinition stage)
    {
        ArgumentNullException.ThrowIfNull(model);
        return For(model.Id, model, stage);
    }
}
