using PatternEngine.Execution;

namespace PatternEngine.Bench.Judging;

/// <summary>What asking the judge cost: its calls, tokens, dollars and wall time (a failed judge's, as far as it got).</summary>
public sealed record JudgeUsage
{
    /// <summary>Model calls the judge made.</summary>
    public int Calls { get; init; }

    /// <summary>Tokens sent.</summary>
    public long InputTokens { get; init; }

    /// <summary>Tokens received.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Cost in US dollars of the calls the catalog prices.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Calls whose model the catalog does not price.</summary>
    public int UnpricedCalls { get; init; }

    /// <summary>Wall time of the judge's run, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    internal static JudgeUsage Of(RunRecord record) => new()
    {
        Calls = record.Totals.Calls,
        InputTokens = record.Totals.InputTokens,
        OutputTokens = record.Totals.OutputTokens,
        CostUsd = record.Totals.CostUsd,
        UnpricedCalls = record.Totals.UnpricedCalls,
        LatencyMs = record.Totals.WallMs,
    };
}
