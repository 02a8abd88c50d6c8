using System.Globalization;
using PatternEngine.Bench;
using PatternEngine.Bench.Reports;
using Spectre.Console;

namespace PatternEngine.Cli.Output;

/// <summary>
/// A bench report for people at a terminal: the settings, a table of figures per pattern, a table of deltas against
/// the baseline (verdicts coloured), then notes on missing deltas, cached runs, failed runs and skipped golden lines.
/// </summary>
internal static class BenchReportView
{
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var model = report.ModelVersion is { Length: > 0 } version ? $"{report.Model} ({version})" : report.Model;
        console.MarkupLineInterpolated($"[bold]bench[/] {model} · {BenchFormat.Date(report.StartedAt)}");
        console.MarkupLineInterpolated(
            $"golden file {report.GoldenFile} · {report.Cases} cases × {report.Repeats} repeats · seed {report.Seed} · {BenchFormat.Count(report.BootstrapResamples)} bootstrap resamples (95% intervals)");
        if (report.Mode is { } mode)
        {
            console.MarkupLineInterpolated($"mode {mode}: the patterns ran with their modes: overrides of that name");
        }

        console.Write(Figures(report));
        var checklist = new Table().AddColumns(["pattern [[95% CI]]", .. ChecklistMetric.All.Select(m => m.Label)]);
        foreach (var p in report.Patterns)
        {
            checklist.AddRow([Markup.Escape(p.Pattern), .. ChecklistMetric.All.Select(m => Markup.Escape(m.Format(m.Of(p.Metrics))))]);
        }

        console.Write(checklist);
        if (JudgeColumns.Judged(report).Any())
        {
            var judge = new Table().AddColumns([.. JudgeColumns.Headers.Select(Markup.Escape)]);
            foreach (var p in JudgeColumns.Judged(report))
            {
                judge.AddRow([.. JudgeColumns.Cells(p).Select(Markup.Escape)]);
            }

            console.Write(judge);
        }

        var baseline = report.Patterns.FirstOrDefault(p => p.IsBaseline) ?? report.Patterns.FirstOrDefault(p => p.Pattern == report.Baseline);
        var compared = report.Patterns.Where(p => !ReferenceEquals(p, baseline)).ToArray();
        var notes = new List<string>();
        if (compared.Length == 0)
        {
            console.WriteLine("Only the baseline ran: there is nothing to compare.");
        }
        else
        {
            console.Write(Deltas(compared, baseline, notes));
        }

        for (var i = 0; i < notes.Count; i++)
        {
            console.MarkupLineInterpolated($"[dim]({i + 1}) not computed: {notes[i]}[/]");
        }

        foreach (var p in report.Patterns.Where(p => p.UnpricedCalls > 0))
        {
            console.MarkupLineInterpolated($"[yellow]note[/] the cost of {p.Pattern} is unknown: {p.UnpricedCalls} call(s) to models the catalog does not price (give them a price with --catalog)");
        }

        foreach (var group in report.Samples.Where(s => s.Cached).GroupBy(s => s.Pattern, StringComparer.Ordinal))
        {
            var runs = report.Patterns.FirstOrDefault(p => p.Pattern == group.Key)?.Runs ?? group.Count();
            var cases = string.Join(", ", group.Select(s => s.CaseId).Distinct(StringComparer.Ordinal).Take(10));
            console.MarkupLineInterpolated(
                $"[yellow]cached[/] {group.Key}: {group.Count()} of {runs} runs had {group.Sum(s => s.CachedCalls)} call(s) answered from {BenchFormat.ServedFrom(group.Sum(s => s.CachedCalls), group.Sum(s => s.ReplayedCalls))}; their recorded latency is left out of the percentiles (cases {cases})");
        }

        foreach (var failed in report.Samples.Where(s => s.Error is not null))
        {
            console.MarkupLineInterpolated($"[red]failed[/] {failed.Pattern} on {failed.CaseId} (repeat {failed.Repeat}): {BenchFormat.OneLine(failed.Error!)}");
        }

        foreach (var line in report.SkippedLines)
        {
            console.MarkupLineInterpolated($"[yellow]skipped[/] {line}");
        }
    }

    private static Table Figures(BenchReport report)
    {
        var table = new Table()
            .Border(TableBorder.Simple)
            .AddColumn(new TableColumn("pattern"))
            .AddColumn(new TableColumn("runs").RightAligned())
            .AddColumn(new TableColumn("failed").RightAligned())
            .AddColumn(new TableColumn("cached").RightAligned())
            .AddColumn(new TableColumn("mean tokens").RightAligned())
            .AddColumn(new TableColumn("mean cost").RightAligned())
            .AddColumn(new TableColumn("accuracy").RightAligned())
            .AddColumn(new TableColumn("p50").RightAligned())
            .AddColumn(new TableColumn("p95").RightAligned());
        foreach (var p in report.Patterns)
        {
            table.AddRow(
                Markup.Escape($"{p.Pattern} {p.Version}") + (p.IsBaseline ? " [dim](baseline)[/]" : ""),
                BenchFormat.Count(p.Runs),
                BenchFormat.Count(p.FailedRuns),
                BenchFormat.Count(p.CachedRuns),
                BenchFormat.Tokens(p.MeanTokens),
                Markup.Escape(BenchFormat.Cost(p.MeanCostUsd, p.UnpricedCalls)),
                BenchFormat.Accuracy(p.Accuracy),
                BenchFormat.Latency(p, p.LatencyP50Ms),
                BenchFormat.Latency(p, p.LatencyP95Ms));
        }

        return table;
    }

    private static Table Deltas(PatternSummary[] compared, PatternSummary? baseline, List<string> notes)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn("vs baseline"));
        foreach (var metric in BenchMetric.All)
        {
            table.AddColumn(new TableColumn(metric.Label));
        }

        foreach (var p in compared)
        {
            table.AddRow([Markup.Escape(p.Pattern), .. BenchMetric.All.Select(m => Cell(m, p, baseline, notes))]);
        }

        return table;
    }

    private static string Cell(BenchMetric metric, PatternSummary pattern, PatternSummary? baseline, List<string> notes)
    {
        if (metric.Of(pattern.Deltas) is not { } delta)
        {
            var reason = baseline is null ? "the report holds no baseline to compare with" : metric.WhyUnavailable(baseline, pattern);
            var index = notes.IndexOf(reason);
            if (index < 0)
            {
                notes.Add(reason);
                index = notes.Count - 1;
            }

            return $"[dim]{BenchFormat.NotAvailable} ({(index + 1).ToString(CultureInfo.InvariantCulture)})[/]";
        }

        var text = Markup.Escape(BenchFormat.Delta(delta, metric));
        if (delta.Expected is not { } expected)
        {
            return text;
        }

        var colour = delta.Verdict == ExpectedVerdict.Inside ? "green" : "yellow";
        return $"{text}\n[dim]expected {Markup.Escape(BenchFormat.Range(expected, metric))}[/] [{colour}]{BenchFormat.Verdict(delta.Verdict)}[/]";
    }
}
