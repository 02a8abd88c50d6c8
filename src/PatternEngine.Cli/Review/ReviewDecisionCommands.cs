using System.ComponentModel;
using PatternEngine.Bench.Review;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Review;

/// <summary><c>patterns review approve ID [--answer TEXT] [--note TEXT]</c>: approves a pending item, the run's answer or a corrected one.</summary>
internal sealed class ReviewApproveCommand(IAnsiConsole console) : AsyncCommand<ReviewApproveCommand.Settings>
{
    public sealed class Settings : ReviewItemSettings
    {
        [CommandOption("--answer <TEXT>")]
        [Description("The answer the run should have given, when its own was wrong; exported instead of the run's.")]
        public string? Answer { get; init; }

        [CommandOption("--note <TEXT>")]
        [Description("A note kept with the decision.")]
        public string? Note { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var queue = SqliteReviewQueue.OpenExisting(settings.Path);
        var item = await queue.ApproveAsync(settings.Id, settings.Answer, settings.Note, cancellationToken).ConfigureAwait(false);
        var corrected = item.CorrectedAnswer is null ? "" : ", with a corrected answer";
        console.MarkupLine($"review item {item.Id} approved{corrected}");
        return ExitCodes.Success;
    }
}

/// <summary><c>patterns review reject ID [--note TEXT]</c>: rejects a pending item.</summary>
internal sealed class ReviewRejectCommand(IAnsiConsole console) : AsyncCommand<ReviewRejectCommand.Settings>
{
    public sealed class Settings : ReviewItemSettings
    {
        [CommandOption("--note <TEXT>")]
        [Description("A note kept with the decision (why the answer was rejected).")]
        public string? Note { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var queue = SqliteReviewQueue.OpenExisting(settings.Path);
        var item = await queue.RejectAsync(settings.Id, settings.Note, cancellationToken).ConfigureAwait(false);
        console.MarkupLine($"review item {item.Id} rejected");
        return ExitCodes.Success;
    }
}
