using System.ComponentModel;
using PatternEngine.Selection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary><c>patterns plan rollback PATTERN</c>: restores the plan before the current one, as a new version.</summary>
internal sealed class PlanRollbackCommand(IAnsiConsole console) : Command<PlanRollbackCommand.Settings>
{
    public sealed class Settings : PlanSettings
    {
        [CommandOption("--out <FILE>")]
        [Description($"Where to write the restored plan (default: {PlanStore.DefaultFolder}/NAME.plan.yaml here).")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var store = new PlanStore(settings.PlansFolder, TimeProvider.System);
        var plan = store.Rollback(settings.Pattern, settings.Out);
        console.MarkupLine($"restored version {plan.RestoredFrom} of '{Markup.Escape(plan.Pattern)}' as version {plan.Version}, written to {Markup.Escape(settings.Out ?? store.CurrentPath(plan.Pattern))}");
        return ExitCodes.Success;
    }
}
