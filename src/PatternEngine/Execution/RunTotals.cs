namespace PatternEngine.Execution;

/// <summary>Totals over a whole run.</summary>
public sealed record RunTotals
{
    /// <summary>Model calls made.</summary>
    public int Calls { get; init; }

    /// <summary>Tokens sent.</summary>
    public long InputTokens { get; init; }

    /// <summary>Tokens received.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Wall time of the run, in milliseconds.</summary>
    public double WallMs { get; init; }
}
