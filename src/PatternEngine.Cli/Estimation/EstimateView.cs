using System.Globalization;
using PatternEngine.Bench.Estimation;
using Spectre.Console;

namespace PatternEngine.Cli.Estimation;

/// <summary>An estimate for people: a row per stage, labelled measured or prior, and the totals.</summary>
internal static class EstimateView
{
    public static void Write(IAnsiConsole console, SpendEstimate estimate)
    {
        var table = new Table().AddColumns("stage", "kind", "model", "basis", "calls", "tokens expected", "tokens worst", "cost expected", "cost worst", "note");
        foreach (var s in estimate.Stages)
        {
            table.AddRow(
                Markup.Escape(s.Stage),
                s.Kind,
                Markup.Escape(s.Model),
                s.Basis == EstimateBasis.Measured ? "measured" : "prior",
                $"{Number(s.ExpectedCalls)} / {s.WorstCalls}",
                Number(s.ExpectedTokens),
                Number(s.WorstTokens),
                Cost(s.ExpectedCostUsd),
                Cost(s.WorstCostUsd),
                Markup.Escape(s.Note));
        }

        table.AddRow(
            "[bold]total[/]", "", "", "",
            $"{Number(estimate.ExpectedCalls)} / {estimate.WorstCalls}",
            Number(estimate.ExpectedTokens),
            Number(estimate.WorstTokens),
            Cost(estimate.ExpectedCostUsd),
            Cost(estimate.WorstCostUsd),
            estimate.ItemsUnknown ? "a map's items are unknown (give its list input): one item counted" : "");
        console.MarkupLine($"estimate for one run of [bold]{Markup.Escape(estimate.Pattern)}[/] (no model was called):");
        console.Write(table);
    }

    private static string Number(double value) => Math.Round(value).ToString("N0", CultureInfo.InvariantCulture);

    private static string Cost(decimal? usd) => usd is { } value ? "$" + value.ToString("0.000000", CultureInfo.InvariantCulture) : "unpriced";
}
