namespace PatternEngine.Definitions;

/// <summary>The deltas against one plain call that the prompt-pattern quick sheet expects of a pattern, in percent.</summary>
public sealed record ExpectedDeltas
{
    /// <summary>Expected change in tokens, e.g. +200 to +300.</summary>
    public PercentRange? TokensPercent { get; init; }

    /// <summary>Expected change in latency.</summary>
    public PercentRange? LatencyPercent { get; init; }

    /// <summary>
    /// What a pattern made of others is expected to cost: each part multiplies what the next one costs, so the
    /// factors (1 + percent / 100) multiply, low ends with low ends and high with high, and the range is rounded
    /// outward to whole percents. Self-consistency (+200-300% tokens) over chain-of-thought (+40-80%) gives +320-620%.
    /// A range any part leaves out is left out.
    /// </summary>
    public static ExpectedDeltas Compose(params ExpectedDeltas[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new ExpectedDeltas
        {
            TokensPercent = Compose(parts.Select(p => p.TokensPercent)),
            LatencyPercent = Compose(parts.Select(p => p.LatencyPercent)),
        };
    }

    private static PercentRange? Compose(IEnumerable<PercentRange?> ranges)
    {
        double low = 1, high = 1;
        foreach (var range in ranges)
        {
            if (range is null)
            {
                return null;
            }

            low *= 1 + (range.Min / 100);
            high *= 1 + (range.Max / 100);
        }

        // Rounded to a millionth first, so that 1.2 * 0.8 is not taken for a hair below 96%.
        return new PercentRange(Math.Floor(Math.Round((low - 1) * 100, 6)), Math.Ceiling(Math.Round((high - 1) * 100, 6)));
    }
}

/// <summary>A range of percentages.</summary>
/// <param name="Min">The low end.</param>
/// <param name="Max">The high end.</param>
public sealed record PercentRange(double Min, double Max);
