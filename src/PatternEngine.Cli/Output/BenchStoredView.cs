using PatternEngine.Bench;
using Spectre.Console;

namespace PatternEngine.Cli.Output;

/// <summary>What became of a bench in the history: stored, resumed, or interrupted and resumable.</summary>
internal static class BenchStoredView
{
    public static void Write(IAnsiConsole console, BenchReport report, string database)
    {
        var db = Markup.Escape(database);
        var resumed = report.ResumedRuns > 0 ? $" ({report.ResumedRuns} of its runs finished before it was resumed)" : "";
        if (report.Interrupted)
        {
            // A partial bench is kept apart from whole ones (history readers skip it) until --resume finishes it.
            console.MarkupLine(report.HistoryId is { } kept
                ? $"[yellow]interrupted[/]: {report.Samples.Length} runs finished; the figures are theirs. Kept as unfinished bench {kept} in {db}{resumed}: run the same command with --resume to finish it"
                : $"[yellow]interrupted[/]: {report.Samples.Length} runs finished; the figures are theirs");
        }
        else if (report.HistoryId is { } id)
        {
            console.MarkupLine($"stored as bench {id} in {db}{resumed}");
        }
    }
}
