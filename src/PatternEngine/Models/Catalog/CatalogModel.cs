using System.Collections.Immutable;

namespace PatternEngine.Models.Catalog;

/// <summary>A model of the catalog: its pinned version, prices and what it is good at.</summary>
public sealed record CatalogModel
{
    /// <summary>The provider name of entries the embedded model serves: each is a configuration of it.</summary>
    public const string LocalProvider = "local";

    /// <summary>The name stages and providers use, e.g. <c>gpt-4.1-mini</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The pinned version the id stands for, e.g. <c>gpt-4.1-mini-2025-04-14</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Who serves it (<c>openai</c>, <c>local</c>, …).</summary>
    public string? Provider { get; init; }

    /// <summary>Its context window in tokens.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>US dollars per million input tokens; null when the entry gives no price (its cost is unknown, never 0).</summary>
    public decimal? InputPerMillion { get; init; }

    /// <summary>US dollars per million output tokens; null when the entry gives no price.</summary>
    public decimal? OutputPerMillion { get; init; }

    /// <summary>US dollars per million input tokens sent through the provider's batch API; null when the entry gives none (batched calls then cost the standard price).</summary>
    public decimal? BatchInputPerMillion { get; init; }

    /// <summary>US dollars per million output tokens received through the provider's batch API; null when the entry gives none.</summary>
    public decimal? BatchOutputPerMillion { get; init; }

    /// <summary>Whether the embedded model serves the entry (its provider is <see cref="LocalProvider"/>), as a configuration of its own.</summary>
    public bool IsLocal => string.Equals(Provider, LocalProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the entry has prices, so its calls have a cost (0 is a price: a local model's).</summary>
    public bool IsPriced => InputPerMillion is not null && OutputPerMillion is not null;

    /// <summary>The reasoning-effort settings it has (low, medium, high), if any.</summary>
    public ImmutableArray<string> ReasoningEfforts { get; init; } = [];

    /// <summary>What it can do: tools, structured_output, vision.</summary>
    public ImmutableArray<string> Capabilities { get; init; } = [];

    /// <summary>What it is best for, in a phrase.</summary>
    public string BestFor { get; init; } = "";

    /// <summary>Call settings the entry applies to every call it serves; null when it applies none.</summary>
    public CallSettings? Settings { get; init; }

    /// <summary>The cost in US dollars of a call with these token counts; null when the entry has no price.</summary>
    public decimal? CostOf(long inputTokens, long outputTokens) =>
        IsPriced ? ((inputTokens * InputPerMillion!.Value) + (outputTokens * OutputPerMillion!.Value)) / 1_000_000m : null;

    /// <summary>
    /// The cost of a call with these token counts; a <paramref name="batched"/> call (sent through the provider's batch
    /// API) at the entry's batch prices when it has them, else at its standard prices.
    /// </summary>
    public decimal? CostOf(long inputTokens, long outputTokens, bool batched) =>
        batched && BatchInputPerMillion is { } input && BatchOutputPerMillion is { } output
            ? ((inputTokens * input) + (outputTokens * output)) / 1_000_000m
            : CostOf(inputTokens, outputTokens);
}
