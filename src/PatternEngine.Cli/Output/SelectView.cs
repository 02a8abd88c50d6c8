using System.Globalization;
using PatternEngine.Bench.Reports;
using PatternEngine.Cli.Commands;
using PatternEngine.Selection;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PatternEngine.Cli.Output;

/// <summary>What <c>patterns select</c> chose, in rows that fit a normal terminal; or, when nothing is measured, how to measure.</summary>
internal static class SelectView
{
    public static void WriteChoices(IAnsiConsole console, IReadOnlyList<StageChoice> choices)
    {
        var table = new Table()
            .Border(TableBorder.Simple)
            .AddColumn(new TableColumn("stage"))
            .AddColumn(new TableColumn("model"))
            .AddColumn(new TableColumn("basis").NoWrap())
            .AddColumn(new TableColumn("cost/request").RightAligned())
            .AddColumn(new TableColumn("p95 ms").RightAligned())
            .AddColumn(new TableColumn("accuracy").RightAligned())
            .AddColumn(new TableColumn("errors").RightAligned());
        foreach (var choice in choices)
        {
            var p = choice.Chosen;
            var model = !choice.CallsModel ? "[dim]none needed[/]" : p is null ? "[red]none meets the targets[/]" : Markup.Escape(p.Model);
            table.AddRow(
                Markup.Escape(choice.Stage),
                model,
                p is null ? "" : p.IsPrior ? "[yellow]prior[/]" : "measured",
                p is null ? "" : p.MeanCostUsd is { } cost ? BenchFormat.Cost(cost) : "unknown",
                Figure(p?.LatencyP95Ms, "0.#"),
                Figure(p?.Accuracy, "0.###"),
                Figure(p?.ErrorRate, "0.###"));
        }

        // As wide as its cells need, but never wider than a normal terminal, also when output is piped.
        var natural = ((IRenderable)table).Measure(RenderOptions.Create(console), int.MaxValue).Max;
        table.Width = Math.Min(natural, TextWrap.Columns);
        console.Write(table);
        foreach (var choice in choices.Where(c => c.CallsModel))
        {
            Prose(console, $"{choice.Stage}: {choice.Rationale}");
            foreach (var (model, misses) in choice.Rejected.Where(_ => choice.IsFeasible))
            {
                Prose(console, $"rejected {model}: {string.Join("; ", misses)}", lead: "  ", indent: "    ");
            }
        }
    }

    /// <summary>Nothing is measured yet: say so, and which benches would measure each candidate.</summary>
    public static void WriteNothingMeasured(IAnsiConsole console, string pattern, string database, string? golden, IReadOnlyList<SelectCandidate> candidates)
    {
        Prose(console, $"Nothing is measured yet for {pattern} in {database}, so there is nothing to choose on. Bench each candidate on your golden set, then select again:");
        WriteBenchCommands(console, pattern, golden, candidates);
    }

    /// <summary>The bench commands that would measure <paramref name="candidates"/>.</summary>
    public static void WriteBenchCommands(IAnsiConsole console, string pattern, string? golden, IEnumerable<SelectCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            console.WriteLine($"  patterns bench -p {pattern} -g {golden ?? "GOLDEN.jsonl"} {candidate.BenchFlags}");
        }
    }

    public static void Prose(IAnsiConsole console, string text, string lead = "", string indent = "  ")
    {
        foreach (var line in TextWrap.Lines(text, lead, indent))
        {
            console.WriteLine(line);
        }
    }

    private static string Figure(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
