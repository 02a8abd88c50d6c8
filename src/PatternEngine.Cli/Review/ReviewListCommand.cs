using System.ComponentModel;
using PatternEngine.Bench.Review;
using PatternEngine.Review;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Review;

/// <summary><c>patterns review list [--status S]</c>: the review queue, oldest first.</summary>
internal sealed class ReviewListCommand(CliStreams streams, IAnsiConsole console) : AsyncCommand<ReviewListCommand.Settings>
{
    public sealed class Settings : ReviewSettings
    {
        [CommandOption("--status <STATUS>")]
        [Description("Only items that are pending, approved or rejected (default: all).")]
        public string? Status { get; init; }

        [CommandOption("--json")]
        [Description("Print the items as JSON on standard output.")]
        public bool Json { get; init; }

        public ReviewStatus? Wanted => Status is null ? null : Enum.Parse<ReviewStatus>(Status, ignoreCase: true);

        public override ValidationResult Validate() =>
            Status is not (null or "pending" or "approved" or "rejected")
                ? ValidationResult.Error($"--status takes pending, approved or rejected, not '{Status}'")
                : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // No queue yet is no error when no file was named: nothing was ever held for review here.
        var items = settings.Database is null && !File.Exists(settings.Path)
            ? []
            : await ListAsync(settings, cancellationToken).ConfigureAwait(false);
        if (settings.Json)
        {
            streams.Out.WriteLine(ReviewItemJson.Serialize(settings.Path, items));
        }
        else if (items.Count == 0)
        {
            var which = settings.Status is null ? "" : settings.Status + " ";
            streams.Out.WriteLine($"No {which}review items in {settings.Path}.");
        }
        else
        {
            ReviewView.WriteList(console, items);
        }

        return ExitCodes.Success;
    }

    private static async Task<IReadOnlyList<ReviewItem>> ListAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var queue = SqliteReviewQueue.OpenExisting(settings.Path);
        return await queue.ListAsync(settings.Wanted, cancellationToken).ConfigureAwait(false);
    }
}
