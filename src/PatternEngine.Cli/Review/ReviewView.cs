using System.Globalization;
using PatternEngine.Bench.Review;
using PatternEngine.Review;
using Spectre.Console;

namespace PatternEngine.Cli.Review;

/// <summary>Review items for people: a table of the queue, or one item whole.</summary>
internal static class ReviewView
{
    private const int AnswerColumnChars = 60;

    public static void WriteList(IAnsiConsole console, IReadOnlyList<ReviewItem> items)
    {
        var table = new Table().AddColumns("id", "status", "queued", "pattern", "case", "reasons", "answer");
        foreach (var item in items)
        {
            table.AddRow(
                item.Id.ToString(CultureInfo.InvariantCulture),
                SqliteReviewQueue.Name(item.Status),
                item.QueuedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Markup.Escape($"{item.Run.Pattern} {item.Run.Version}"),
                Markup.Escape(item.Run.CaseId ?? ""),
                Markup.Escape(string.Join("; ", item.Run.Reasons)),
                Markup.Escape(Short(item.ReviewedAnswer)));
        }

        console.Write(table);
    }

    public static void WriteItem(IAnsiConsole console, ReviewItem item)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string? value)
        {
            if (value is not null)
            {
                grid.AddRow(new Text(name), new Text(value));
            }
        }

        Row("id", item.Id.ToString(CultureInfo.InvariantCulture));
        Row("status", SqliteReviewQueue.Name(item.Status));
        Row("queued", item.QueuedAt.ToString("O", CultureInfo.InvariantCulture));
        Row("decided", item.DecidedAt?.ToString("O", CultureInfo.InvariantCulture));
        Row("pattern", $"{item.Run.Pattern} {item.Run.Version}");
        Row("run", item.Run.RunId);
        Row("case", item.Run.CaseId);
        foreach (var (name, value) in item.Run.Inputs)
        {
            Row("input " + name, value);
        }

        Row("reasons", string.Join("; ", item.Run.Reasons));
        Row("answer", item.Run.Answer);
        Row("corrected", item.CorrectedAnswer);
        Row("note", item.Note);
        console.Write(grid);
    }

    private static string Short(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= AnswerColumnChars ? line : line[..(AnswerColumnChars - 1)] + "…";
    }
}
