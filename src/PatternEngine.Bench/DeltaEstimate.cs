using PatternEngine.Definitions;

namespace PatternEngine.Bench;

/// <summary>
/// A pattern's difference from the baseline on one metric, with its 95% confidence interval from a paired
/// bootstrap over cases, and where it falls against the quick sheet's expected range.
/// </summary>
/// <param name="Value">The measured delta: percent for tokens, cost and latency; points for accuracy.</param>
/// <param name="Low">The interval's low end.</param>
/// <param name="High">The interval's high end.</param>
/// <param name="Expected">The range the pattern file's <c>expected</c> states, if it states one.</param>
public sealed record DeltaEstimate(double Value, double Low, double High, PercentRange? Expected = null)
{
    /// <summary>Where <see cref="Value"/> falls against <see cref="Expected"/>.</summary>
    public ExpectedVerdict Verdict => Expected is null ? ExpectedVerdict.NotStated
        : Value < Expected.Min ? ExpectedVerdict.Below
        : Value > Expected.Max ? ExpectedVerdict.Above
        : ExpectedVerdict.Inside;
}

/// <summary>Where a measured delta falls against the expected range.</summary>
public enum ExpectedVerdict
{
    /// <summary>The pattern states no expected range for this metric.</summary>
    NotStated,

    /// <summary>Inside the range, ends included.</summary>
    Inside,

    /// <summary>Below the range.</summary>
    Below,

    /// <summary>Above the range.</summary>
    Above,
}
