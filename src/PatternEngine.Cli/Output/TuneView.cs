using System.Globalization;
using PatternEngine.Bench.Reports;
using PatternEngine.Bench.Tuning;
using Spectre.Console;

namespace PatternEngine.Cli.Output;

/// <summary>A sweep on the console: each value's accuracy and tokens with intervals, the fitted trends, and the recommendation with its reason.</summary>
internal static class TuneView
{
    public static void Write(IAnsiConsole console, TuneReport report)
    {
        var field = $"{report.Sweep.StageId}.{report.Sweep.Field}";
        console.MarkupLineInterpolated(
            $"[bold]{report.Pattern}[/]: {field} over {report.Bench.Cases} cases × {report.Bench.Repeats} repeats, against {report.Bench.Baseline} (95% intervals, paired by case)");
        var table = new Table().AddColumns(field, "accuracy [[95% CI]]", "accuracy vs baseline", "tokens/run", "tokens vs baseline", "cost/run", "failed");
        foreach (var s in report.Settings)
        {
            var mark = ReferenceEquals(s, report.Recommended) ? " ←" : "";
            table.AddRow(
                Markup.Escape(TuneSweep.Text(s.Value) + mark),
                Markup.Escape(s.Accuracy is { } a ? $"{BenchFormat.Accuracy(a.Value)} [{BenchFormat.Accuracy(a.Low)}, {BenchFormat.Accuracy(a.High)}]" : "n/a"),
                Markup.Escape(s.AccuracyPoints is { } ap ? BenchFormat.Delta(ap, BenchMetric.Accuracy) : "n/a"),
                Markup.Escape(BenchFormat.Tokens(s.MeanTokens)),
                Markup.Escape(s.TokensPercent is { } tp ? BenchFormat.Delta(tp, BenchMetric.Tokens) : "n/a"),
                Markup.Escape(s.CostUsd is { } c ? BenchFormat.Cost(c.Value) : "n/a"),
                s.FailedRuns.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"trend: accuracy {Trend(report.AccuracyTrend, 100, "pts")}; tokens {Trend(report.TokensTrend, 1, "tokens")} per unit of {report.Sweep.Field}");
        console.MarkupLineInterpolated(
            $"[bold]recommended[/] (margin {report.MarginPoints.ToString("0.##", CultureInfo.InvariantCulture)} pts): {report.Reason}");
    }

    private static string Trend(TrendFit? fit, double scale, string unit) =>
        fit is null ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{fit.Slope * scale:+0.###;-0.###;0} {unit} (R² {fit.RSquared:0.00})");
}
