using System.Globalization;

namespace PatternEngine.Bench.Reports.Summary;

/// <summary>
/// A short plain-language page for stakeholders, generated from a bench's measured figures only: per pattern, what it
/// buys and costs against the baseline in business terms (time per request, requests per hour on one stream, cost per
/// 1,000 requests, accuracy in points), and the trade-off between them. Every sentence carries its number and 95%
/// interval; a difference whose interval includes no change is not written as one: the figures the bench cannot tell
/// apart are listed together, with their intervals.
/// </summary>
public static class StakeholderSummary
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The sentences, pattern by pattern: each entry is a pattern and what the bench can say of it.</summary>
    public static IReadOnlyList<(string Pattern, IReadOnlyList<string> Sentences)> Sentences(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var baseline = report.Patterns.FirstOrDefault(p => p.IsBaseline);
        if (baseline is null)
        {
            return [];
        }

        return [.. report.Patterns.Where(p => !p.IsBaseline).Select(p => (p.Pattern, (IReadOnlyList<string>)Describe(p, baseline)))];
    }

    /// <summary>The page as Markdown.</summary>
    public static string ToMarkdown(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new System.Text.StringBuilder();
        md.Append("# What the patterns buy and cost\n\n")
          .Append("Measured on ").Append(BenchFormat.Count(report.Cases)).Append(" cases × ").Append(BenchFormat.Count(report.Repeats))
          .Append(" repeats with ").Append(report.Model).Append(", against **").Append(report.Baseline)
          .Append("**. Figures in brackets are 95% intervals; a difference is stated only where the interval excludes no change.\n\n");
        foreach (var (pattern, sentences) in Sentences(report))
        {
            md.Append("## ").Append(pattern).Append("\n\n");
            foreach (var sentence in sentences)
            {
                md.Append("- ").Append(sentence).Append('\n');
            }

            md.Append('\n');
        }

        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static List<string> Describe(PatternSummary p, PatternSummary baseline)
    {
        var sentences = new List<string>();
        var alike = new List<string>();
        var (name, vs) = (p.Pattern, baseline.Pattern);
        if (!p.LatencyMeasured)
        {
            sentences.Add("Time per request was not measured: the bench went through the provider's batch API, whose turnaround says nothing of a live call.");
        }

        if (p.Deltas.LatencyP50Percent is { } latency && p.LatencyP50Ms is { } ms && baseline.LatencyP50Ms is { } baseMs)
        {
            if (Distinguishable(latency))
            {
                sentences.Add(F($"{name} takes {Seconds(ms)} per request against {Seconds(baseMs)} for {vs} ({Times(latency.Value)} [{Times(latency.Low)}, {Times(latency.High)}]), so one stream serves about {PerHour(ms)} requests per hour instead of {PerHour(baseMs)}."));
            }
            else
            {
                alike.Add(F($"time per request ({Percent(latency.Value)} [{Percent(latency.Low)}, {Percent(latency.High)}])"));
            }
        }

        if (p.Deltas.CostPercent is { } cost && p.Metrics.CostUsd is { } pCost && baseline.Metrics.CostUsd is { } bCost)
        {
            if (Distinguishable(cost))
            {
                sentences.Add(F($"{name} costs {Thousand(pCost.Value)} per 1,000 requests [{Thousand(pCost.Low)}, {Thousand(pCost.High)}] against {Thousand(bCost.Value)} for {vs} ({Percent(cost.Value)} [{Percent(cost.Low)}, {Percent(cost.High)}])."));
            }
            else
            {
                alike.Add(F($"cost ({Percent(cost.Value)} [{Percent(cost.Low)}, {Percent(cost.High)}])"));
            }
        }

        if (p.Deltas.AccuracyPoints is { } accuracy && p.Accuracy is { } pAcc && baseline.Accuracy is { } bAcc)
        {
            if (Distinguishable(accuracy))
            {
                sentences.Add(F($"{name} is right {Share(pAcc)} of the time against {Share(bAcc)} for {vs}: {Points(accuracy.Value)} [{Points(accuracy.Low)}, {Points(accuracy.High)}]."));
            }
            else
            {
                alike.Add(F($"accuracy ({Points(accuracy.Value)} [{Points(accuracy.Low)}, {Points(accuracy.High)}])"));
            }

            if (TradeOff(name, vs, accuracy, bAcc, p.Deltas.CostPercent ?? p.Deltas.TokensPercent, p.Deltas.CostPercent is null ? "tokens" : "cost") is { } tradeOff)
            {
                sentences.Add(tradeOff);
            }
        }

        if (alike.Count > 0)
        {
            sentences.Add($"The bench cannot tell {name} from {vs} on " + string.Join(", ", alike) + ": each interval includes no change.");
        }

        return sentences;
    }

    // "B reaches 93% [88, 97] of A's accuracy at 31% [29, 33] of its cost": the accuracy ratio's interval is the points
    // interval over the baseline's measured accuracy. Written only when the cost (or tokens) difference is distinguishable;
    // when the accuracy difference is not, the sentence says so rather than claim a loss or a gain.
    private static string? TradeOff(string name, string vs, DeltaEstimate accuracy, double baseAccuracy, DeltaEstimate? spend, string what)
    {
        if (baseAccuracy <= 0 || spend is null || !Distinguishable(spend))
        {
            return null;
        }

        double Ratio(double points) => 100 * (baseAccuracy + (points / 100)) / baseAccuracy;
        var share = F($"{100 + spend.Value:0}% [{100 + spend.Low:0}, {100 + spend.High:0}]");
        return Distinguishable(accuracy)
            ? F($"{name} reaches {Ratio(accuracy.Value):0}% [{Ratio(accuracy.Low):0}, {Ratio(accuracy.High):0}] of {vs}'s accuracy at {share} of its {what}.")
            : F($"{name} runs at {share} of {vs}'s {what}, with no accuracy difference the bench can distinguish ({Ratio(accuracy.Value):0}% [{Ratio(accuracy.Low):0}, {Ratio(accuracy.High):0}] of {vs}'s accuracy).");
    }

    private static bool Distinguishable(DeltaEstimate delta) => delta.Low > 0 || delta.High < 0;

    private static string Seconds(double ms) => ms >= 1000 ? F($"{ms / 1000:0.0#} s") : F($"{ms:0} ms");

    private static string PerHour(double ms) => ms <= 0 ? "unbounded" : (3_600_000 / ms).ToString("N0", Invariant);

    private static string Thousand(double usd) => BenchFormat.Cost(usd * 1000);

    private static string Times(double percent) => F($"{1 + (percent / 100):0.0#}x");

    private static string Percent(double value) => F($"{value:+0;-0;0}%");

    private static string Points(double value) => F($"{value:+0.0;-0.0;0} points");

    private static string Share(double share) => F($"{share * 100:0.#}%");

    private static string F(FormattableString text) => text.ToString(Invariant);
}
