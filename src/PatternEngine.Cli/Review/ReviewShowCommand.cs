using System.ComponentModel;
using PatternEngine.Bench.Review;
using PatternEngine.Review;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Review;

/// <summary><c>patterns review show ID</c>: one review item, whole.</summary>
internal sealed class ReviewShowCommand(CliStreams streams, IAnsiConsole console) : AsyncCommand<ReviewShowCommand.Settings>
{
    public sealed class Settings : ReviewItemSettings
    {
        [CommandOption("--json")]
        [Description("Print the item as JSON on standard output.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var queue = SqliteReviewQueue.OpenExisting(settings.Path);
        var item = await queue.FindAsync(settings.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new ReviewException($"{settings.Path}: no review item {settings.Id} (see 'patterns review list')");
        if (settings.Json)
        {
            streams.Out.WriteLine(ReviewItemJson.Serialize(item));
        }
        else
        {
            ReviewView.WriteItem(console, item);
        }

        return ExitCodes.Success;
    }
}
