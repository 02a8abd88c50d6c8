using System.Globalization;
using PatternEngine.Bench.Conversations;
using PatternEngine.Execution;
using Spectre.Console;

namespace PatternEngine.Cli.Output;

/// <summary>A played conversation for people: one row per turn (what was said and answered, tokens, memory, latency, score), then totals.</summary>
internal static class ConversationView
{
    private const int TextWidth = 40;

    public static void Write(IAnsiConsole console, string conversation, string? store, IReadOnlyList<ScriptedTurnResult> turns, string? failure, RunStartup startup)
    {
        var pattern = turns.Count > 0 ? turns[0].Record.Pattern : "";
        console.WriteLine($"conversation {conversation}{(pattern.Length > 0 ? " with " + pattern : "")}: " +
            (store is null ? "not stored (--no-store)" : "stored in " + store) + (failure is null ? "" : "; failed, what it measured:"));
        var table = new Table()
            .Border(TableBorder.Simple)
            .AddColumn(new TableColumn("turn").RightAligned())
            .AddColumn("user")
            .AddColumn("answer")
            .AddColumn(new TableColumn("calls").RightAligned())
            .AddColumn(new TableColumn("input tokens").RightAligned())
            .AddColumn(new TableColumn("output tokens").RightAligned())
            .AddColumn(new TableColumn("memory").NoWrap())
            .AddColumn(new TableColumn("latency ms").RightAligned())
            .AddColumn("correct");
        foreach (var turn in turns)
        {
            var record = turn.Record;
            table.AddRow(
                Number(record.Conversation?.Turn ?? 0),
                Markup.Escape(Short(turn.Turn.User)),
                Markup.Escape(Short(record.Output.AsItem() ?? "")),
                Number(record.Totals.Calls),
                Number(record.Totals.InputTokens),
                Number(record.Totals.OutputTokens),
                Markup.Escape(Memory(record)),
                record.Totals.WallMs.ToString("F1", CultureInfo.InvariantCulture),
                turn.Correct switch { true => "yes", false => "no", null => "" });
        }

        var scored = turns.Where(t => t.Correct is not null).ToList();
        table.AddRow(
            "[bold]total[/]", "", "",
            Number(turns.Sum(t => t.Record.Totals.Calls)),
            Number(turns.Sum(t => t.Record.Totals.InputTokens)),
            Number(turns.Sum(t => t.Record.Totals.OutputTokens)),
            "",
            turns.Sum(t => t.Record.Totals.WallMs).ToString("F1", CultureInfo.InvariantCulture),
            scored.Count == 0 ? "" : $"{scored.Count(t => t.Correct == true)}/{scored.Count}");
        console.Write(table);
        console.WriteLine($"cost: ${turns.Sum(t => t.Record.Totals.CostUsd).ToString("0.######", CultureInfo.InvariantCulture)}");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start-up, before the turns and in none of their figures: model load {startup.ModelLoadMs:F1} ms, warm-up {startup.WarmUpMs:F1} ms"));
        foreach (var turn in turns)
        {
            foreach (var stage in turn.Record.Stages.Where(s => !s.Issues.IsEmpty))
            {
                foreach (var issue in stage.Issues)
                {
                    console.MarkupLineInterpolated($"[yellow]note[/] turn {turn.Record.Conversation?.Turn ?? 0} {stage.Id}: {issue}");
                }
            }
        }
    }

    // Rows read and written, over the turn's memory stages: "read 3, wrote 1".
    private static string Memory(RunRecord record)
    {
        var accesses = record.Stages.Select(s => s.Memory).OfType<Conversations.MemoryAccess>().ToList();
        return accesses.Count == 0 ? "-" : string.Join(", ", accesses.Select(a => (a.Operation == "read" ? "read " : "wrote ") + a.Rows.ToString(CultureInfo.InvariantCulture)));
    }

    private static string Short(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= TextWidth ? line : line[..(TextWidth - 1)] + "…";
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
