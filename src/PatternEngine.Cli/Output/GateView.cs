using PatternEngine.Bench.Gates;
using Spectre.Console;

namespace PatternEngine.Cli.Output;

/// <summary>The gates' results for people at a terminal: one row per pattern and threshold, then the outcome.</summary>
internal static class GateView
{
    public static void Write(IAnsiConsole console, GateReport gates)
    {
        var table = new Table().AddColumns("pattern", "threshold", "measured [[95% CI]]", "verdict");
        foreach (var result in gates.Results)
        {
            var measured = result.Measured is { } m ? $"{m.Value:0.####} [[{m.Low:0.####}, {m.High:0.####}]]" : "n/a";
            table.AddRow(Markup.Escape(result.Pattern), Markup.Escape(result.Threshold), measured, Verdict(result));
        }

        console.MarkupLineInterpolated($"[bold]gates[/] {gates.File} · inconclusive counts as {(gates.Inconclusive == InconclusiveGates.Pass ? "pass" : "fail")}");
        console.Write(table);
        foreach (var result in gates.Results.Where(r => r.Verdict != GateVerdict.Pass))
        {
            console.MarkupLineInterpolated($"[dim]{result.Location}: {result.Message}[/]");
        }

        console.MarkupLine(gates.Passed ? "[green]gates passed[/]" : $"[red]gates failed[/]: {gates.Failing.Count()} threshold(s)");
    }

    private static string Verdict(GateResult result) => result.Verdict switch
    {
        GateVerdict.Pass => "[green]pass[/]",
        GateVerdict.Fail => "[red]fail[/]",
        GateVerdict.Inconclusive => result.CasesToSettle is { } n ? $"[yellow]inconclusive[/] (~{n} cases)" : "[yellow]inconclusive[/]",
        _ => "[dim]not measured[/]",
    };
}
