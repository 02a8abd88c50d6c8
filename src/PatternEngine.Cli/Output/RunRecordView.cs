using System.Globalization;
using PatternEngine.Execution;
using Spectre.Console;

namespace PatternEngine.Cli.Output;

/// <summary>
/// A run record for people: the output, then a table of stages with their calls, tokens and latency. The stages of
/// included patterns follow the stage that ran them, indented under their qualified ids; the totals count each call once.
/// </summary>
internal static class RunRecordView
{
    /// <summary>Writes the record; a <paramref name="failure"/> titles it as the partial record of a failed run.</summary>
    public static void Write(IAnsiConsole console, RunRecord record, string? failure = null, RunStartup? startup = null)
    {
        console.Write(new Panel(new Text(record.Output.ToString()))
            .Header(Markup.Escape($"{record.Pattern} {record.Version}{(record.Mode is { } mode ? $" ({mode} mode)" : "")}: {(failure is null ? "output" : "failed; what it measured")}"))
            .Expand());

        var table = new Table()
            .Border(TableBorder.Simple)
            .AddColumn(new TableColumn("stage").NoWrap())
            .AddColumn(new TableColumn("kind").NoWrap())
            .AddColumn(new TableColumn("model").NoWrap())
            .AddColumn(new TableColumn("calls").RightAligned())
            .AddColumn(new TableColumn("input tokens").RightAligned())
            .AddColumn(new TableColumn("output tokens").RightAligned())
            .AddColumn(new TableColumn("latency ms").RightAligned());
        foreach (var (stage, depth) in Flatten(record.Stages, 0))
        {
            table.AddRow(
                Markup.Escape(new string(' ', 2 * depth) + stage.Id),
                stage.Skipped ? stage.Kind + " (skipped)" : stage.Kind,
                Markup.Escape(stage.Model.Length == 0 ? "-" : stage.Model),
                Number(stage.Calls),
                Number(stage.InputTokens),
                Number(stage.OutputTokens),
                stage.LatencyMs.ToString("F1", CultureInfo.InvariantCulture));
        }

        var totals = record.Totals;
        table.AddRow("[bold]total[/]", "(run wall time)", "", Number(totals.Calls), Number(totals.InputTokens), Number(totals.OutputTokens),
            $"[bold]{totals.WallMs.ToString("F1", CultureInfo.InvariantCulture)}[/]");
        console.Write(table);
        var cost = $"${totals.CostUsd.ToString("0.######", CultureInfo.InvariantCulture)}";
        console.WriteLine(totals.UnpricedCalls == 0 ? $"cost: {cost}"
            : $"cost: {(totals.CostUsd > 0 ? "at least " + cost : "unknown")} ({totals.UnpricedCalls} call(s) to models the catalog does not price; give them a price with --catalog)");
        if (startup is not null)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"start-up, before the run and in none of its figures: model load {startup.ModelLoadMs:F1} ms, warm-up {startup.WarmUpMs:F1} ms"));
        }

        if (totals.CachedCalls > 0)
        {
            // Their usage and latency are the recorded call's, so the latencies above are not all fresh measurements.
            console.WriteLine($"cached: {Number(totals.CachedCalls)} of {Number(totals.Calls)} call(s) answered from the cassette, with their recorded usage and latency");
        }

        foreach (var (stage, _) in Flatten(record.Stages, 0))
        {
            if (stage.Memory is { } memory)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"memory {stage.Id}: {memory.Operation} {memory.Rows} row(s), {memory.Bytes} byte(s){(memory.Operation == "read" ? $", {memory.Tokens} token(s)" : "")} in {memory.Ms:F2} ms"));
            }

            foreach (var issue in stage.Issues)
            {
                console.MarkupLineInterpolated($"[yellow]note[/] {stage.Id}: {issue}");
            }
        }
    }

    private static IEnumerable<(StageRecord Stage, int Depth)> Flatten(IEnumerable<StageRecord> stages, int depth) =>
        stages.SelectMany(s => Flatten(s.Stages, depth + 1).Prepend((s, depth)));

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
