using System.Globalization;
using PatternEngine.Bench;
using PatternEngine.Bench.History;
using PatternEngine.Bench.Reports;
using Spectre.Console;

namespace PatternEngine.Cli.Output;

/// <summary>Stored bench results for people: one table row per bench, each figure with its change since the bench before.</summary>
internal static class HistoryView
{
    /// <summary>Wide enough for every column: piped output goes to files and grep, which gain nothing from wrapping.</summary>

    public static void WritePatterns(IAnsiConsole console, IReadOnlyList<PatternHistoryEntry> entries)
    {
        var table = new Table()
            .Border(TableBorder.Simple)
            .AddColumn(new TableColumn("started (UTC)").NoWrap())
            .AddColumn(new TableColumn("bench").RightAligned())
            .AddColumn(new TableColumn("pattern").NoWrap())
            .AddColumn(new TableColumn("version").NoWrap())
            .AddColumn(new TableColumn("file").NoWrap())
            .AddColumn(new TableColumn("model").NoWrap())
            .AddColumn(new TableColumn("runs").RightAligned())
            .AddColumn(new TableColumn("mean tokens").RightAligned())
            .AddColumn(new TableColumn("mean cost").RightAligned())
            .AddColumn(new TableColumn("accuracy").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned())
            .AddColumn(new TableColumn("p95 ms").RightAligned())
            .AddColumn(new TableColumn("tokens Δ vs baseline (95% CI)").RightAligned());
        foreach (var entry in entries)
        {
            var s = entry.Summary;
            var c = entry.Changes;
            table.AddRow(
                Started(entry.Bench),
                "#" + entry.Bench.Id.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(s.Pattern),
                Markup.Escape(s.Version),
                s.FileHash[..Math.Min(8, s.FileHash.Length)],
                Markup.Escape(Model(entry.Bench.Model, entry.Bench.ModelVersion)),
                s.FailedRuns == 0 ? Count(s.Runs) : $"{Count(s.Runs)} ({Count(s.FailedRuns)} failed)",
                Figure(s.MeanTokens.ToString("N1", CultureInfo.InvariantCulture), Percent(c?.TokensPercent)),
                Figure(s.UnpricedCalls == 0 ? Cost(s.MeanCostUsd) : BenchFormat.Cost(s.MeanCostUsd, s.UnpricedCalls), Percent(c?.CostPercent)),
                Figure(Share(s.Accuracy), Points(c?.AccuracyPoints)),
                Figure(Millis(s.LatencyP50Ms), Percent(c?.LatencyP50Percent)),
                Figure(Millis(s.LatencyP95Ms), Percent(c?.LatencyP95Percent)),
                s.IsBaseline ? "[dim]baseline[/]" : Figure(Delta(s.Deltas.TokensPercent), Points(c?.TokensDeltaPoints)));
        }

        console.Write(table);
        console.MarkupLine("[dim](…) change since the bench before with the same pattern and model: % for figures, pp for shares and deltas[/]");
    }

    public static void WriteModel(IAnsiConsole console, string model, IReadOnlyList<ModelHistoryEntry> entries)
    {
        console.MarkupLineInterpolated($"[bold]{model}[/]: its calls per bench, over every pattern and stage");
        var table = new Table()
            .Border(TableBorder.Simple)
            .AddColumn(new TableColumn("started (UTC)").NoWrap())
            .AddColumn(new TableColumn("bench").RightAligned())
            .AddColumn(new TableColumn("version").NoWrap())
            .AddColumn(new TableColumn("runs").RightAligned())
            .AddColumn(new TableColumn("calls").RightAligned())
            .AddColumn(new TableColumn("errors").RightAligned())
            .AddColumn(new TableColumn("tokens/call").RightAligned())
            .AddColumn(new TableColumn("cost/call").RightAligned())
            .AddColumn(new TableColumn("accuracy").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned())
            .AddColumn(new TableColumn("p95 ms").RightAligned());
        foreach (var e in entries)
        {
            var c = e.Changes;
            table.AddRow(
                Started(e.Bench),
                "#" + e.Bench.Id.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(e.ModelVersion ?? "-"),
                Count(e.Runs),
                Count(e.Calls),
                Figure(Share(e.ErrorRate), Points(c?.ErrorRatePoints)),
                Figure(e.MeanTokens.ToString("N1", CultureInfo.InvariantCulture), Percent(c?.TokensPercent)),
                Figure(e.MeanCostUsd is { } cost ? Cost(cost) : "unknown", Percent(c?.CostPercent)),
                Figure(Share(e.Accuracy), Points(c?.AccuracyPoints)),
                Figure(Millis(e.LatencyP50Ms), Percent(c?.LatencyP50Percent)),
                Figure(Millis(e.LatencyP95Ms), Percent(c?.LatencyP95Percent)));
        }

        console.Write(table);
    }


    private static string Started(StoredBench bench) => bench.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Model(string model, string? version) =>
        version is null ? model : $"{model}@{(version.Length > 12 ? version[..12] : version)}";

    private static string Figure(string value, string? change) => change is null ? value : $"{value} [dim]({change})[/]";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(double? value) => value is { } v ? (v * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Millis(double? value) => value is { } v ? v.ToString("N1", CultureInfo.InvariantCulture) : "-";

    /// <summary>Three significant digits, however small: bench costs are often fractions of a cent.</summary>
    private static string Cost(double value)
    {
        if (value == 0)
        {
            return "$0";
        }

        var decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 2, 10);
        return "$" + value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Delta(DeltaEstimate? delta) => delta is null ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{delta.Value:+0.0;-0.0;0.0}% [[{delta.Low:0.0}, {delta.High:0.0}]]");

    private static string? Percent(double? change) =>
        change is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:+0.0;-0.0;±0.0}%") : null;

    private static string? Points(double? change) =>
        change is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:+0.0;-0.0;±0.0} pp") : null;
}
