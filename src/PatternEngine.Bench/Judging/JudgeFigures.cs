using PatternEngine.Bench.Metrics;

namespace PatternEngine.Bench.Judging;

/// <summary>
/// What a pattern's judge-scored runs cost in judge calls (apart from the pattern's own figures), how many went
/// unscored, and how often the judge agreed with the case's <c>check</c> scorer where a case gave <c>expected</c> too.
/// </summary>
public sealed record JudgeFigures
{
    /// <summary>Runs the judge was asked about.</summary>
    public int Judged { get; init; }

    /// <summary>Of those, runs with no verdict (the judge's answer did not parse, or its route failed): left out of accuracy.</summary>
    public int Unscored { get; init; }

    /// <summary>The judge's model calls.</summary>
    public int Calls { get; init; }

    /// <summary>Tokens the judge was sent.</summary>
    public long InputTokens { get; init; }

    /// <summary>Tokens the judge answered with.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The judge's cost in US dollars, over its priced calls.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>The judge's calls whose model the catalog does not price (its cost leaves them out).</summary>
    public int UnpricedCalls { get; init; }

    /// <summary>The judge's mean wall time per verdict asked, in milliseconds.</summary>
    public double MeanLatencyMs { get; init; }

    /// <summary>The judge's agreement with the check scorer; null when no run had both verdicts.</summary>
    public JudgeAgreement? Agreement { get; init; }

    /// <summary>The figures of a pattern's runs; null when none was judged.</summary>
    internal static JudgeFigures? Of(IReadOnlyCollection<BenchSample> runs)
    {
        var verdicts = runs.Select(r => r.Judge).OfType<JudgeVerdict>().ToList();
        return verdicts.Count == 0 ? null : new JudgeFigures
        {
            Judged = verdicts.Count,
            Unscored = verdicts.Count(v => v.Correct is null),
            Calls = verdicts.Sum(v => v.Usage.Calls),
            InputTokens = verdicts.Sum(v => v.Usage.InputTokens),
            OutputTokens = verdicts.Sum(v => v.Usage.OutputTokens),
            CostUsd = verdicts.Sum(v => v.Usage.CostUsd),
            UnpricedCalls = verdicts.Sum(v => v.Usage.UnpricedCalls),
            MeanLatencyMs = verdicts.Average(v => v.Usage.WallMs),
            Agreement = JudgeAgreement.Of([.. verdicts.Where(v => v.Correct is not null && v.Checked is not null).Select(v => (v.Correct!.Value, v.Checked!.Value))]),
        };
    }
}

/// <summary>
/// How often the judge's verdict matched the check scorer's on the runs that had both: the share agreeing with its
/// 95% Wilson score interval, and Cohen's kappa (agreement beyond what the two verdicts' rates of "right" would give
/// by chance; null when chance agreement is total, e.g. both said "right" every time).
/// </summary>
/// <param name="Share">The share of runs where the two agreed, with its interval; <see cref="MetricEstimate.Count"/> is the runs compared.</param>
/// <param name="Kappa">Cohen's kappa, from -1 to 1; null when it is undefined.</param>
/// <param name="BothRight">Runs both called right.</param>
/// <param name="BothWrong">Runs both called wrong.</param>
/// <param name="OnlyJudgeRight">Runs the judge called right and the check wrong.</param>
/// <param name="OnlyCheckRight">Runs the check called right and the judge wrong.</param>
public sealed record JudgeAgreement(MetricEstimate Share, double? Kappa, int BothRight, int BothWrong, int OnlyJudgeRight, int OnlyCheckRight)
{
    private const double Z95 = 1.959963984540054;

    internal static JudgeAgreement? Of(IReadOnlyList<(bool Judge, bool Check)> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        int bothRight = pairs.Count(p => p.Judge && p.Check), bothWrong = pairs.Count(p => !p.Judge && !p.Check);
        int onlyJudge = pairs.Count(p => p.Judge && !p.Check), onlyCheck = pairs.Count(p => !p.Judge && p.Check);
        double n = pairs.Count, observed = (bothRight + bothWrong) / n;
        var judgeRight = (bothRight + onlyJudge) / n;
        var checkRight = (bothRight + onlyCheck) / n;
        var chance = (judgeRight * checkRight) + ((1 - judgeRight) * (1 - checkRight));
        var (low, high) = Wilson(bothRight + bothWrong, pairs.Count);
        return new JudgeAgreement(
            new MetricEstimate(observed, low, high, pairs.Count),
            chance >= 1 ? null : (observed - chance) / (1 - chance),
            bothRight,
            bothWrong,
            onlyJudge,
            onlyCheck);
    }

    // The Wilson score interval: it stays inside [0, 1] and is sound for shares near 0 or 1 and small counts.
    private static (double Low, double High) Wilson(int agreeing, int n)
    {
        var p = (double)agreeing / n;
        var z2 = Z95 * Z95;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / (1 + (z2 / n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
