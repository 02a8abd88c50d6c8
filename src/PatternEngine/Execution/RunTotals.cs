namespace PatternEngine.Execution;

/// <summary>Totals over a whole run.</summary>
public sealed record RunTotals
{
    /// <summary>Model calls made.</summary>
    public int Calls { get; init; }

    /// <summary>Calls answered from a cache or a replayed cassette rather than the model.</summary>
    public int CachedCalls { get; init; }

    /// <summary>Tokens sent.</summary>
    public long InputTokens { get; init; }

    /// <summary>Cost in US dollars of the calls whose model the catalog prices.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Calls whose model the catalog does not list, so they have no cost.</summary>
    public int UnpricedCalls { get; init; }

    /// <summary>Tokens received.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Wall time of the run, in milliseconds.</summary>
    public double WallMs { get; init; }
}
