using System.ComponentModel;
using PatternEngine.Bench.Review;
using PatternEngine.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Review;

/// <summary><c>patterns review export --golden FILE</c>: the approved items as golden cases, for <c>patterns bench</c>.</summary>
internal sealed class ReviewExportCommand(IAnsiConsole console) : AsyncCommand<ReviewExportCommand.Settings>
{
    public sealed class Settings : ReviewSettings
    {
        [CommandOption("--golden <FILE>")]
        [Description("The golden file to write (replaced): one case per approved item, expecting its reviewed answer.")]
        public string Golden { get; init; } = "";

        public override ValidationResult Validate() =>
            Golden.Length == 0 ? ValidationResult.Error("--golden names the golden file to write") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var queue = SqliteReviewQueue.OpenExisting(settings.Path);
        int written;
        try
        {
            written = await ReviewExport.WriteGoldenAsync(queue, settings.Golden, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnwrittenOutputException($"{settings.Golden}: the golden file cannot be written: {e.Message}");
        }

        console.MarkupLine(written == 0
            ? $"No approved review items in {Markup.Escape(settings.Path)}; {Markup.Escape(settings.Golden)} was not written."
            : $"{written} approved review item{(written == 1 ? "" : "s")} written to {Markup.Escape(settings.Golden)} as golden cases.");
        return ExitCodes.Success;
    }
}
