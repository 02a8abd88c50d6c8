using System.Globalization;
using PatternEngine.Selection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary><c>patterns plan list PATTERN</c>: every stored version of a pattern's routing plan, newest first.</summary>
internal sealed class PlanListCommand(IAnsiConsole console) : Command<PlanListCommand.Settings>
{
    public sealed class Settings : PlanSettings
    {
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var versions = new PlanStore(settings.PlansFolder, TimeProvider.System).Versions(settings.Pattern);
        if (versions.Count == 0)
        {
            console.MarkupLine($"No plans stored for '{Markup.Escape(settings.Pattern)}' in {Markup.Escape(settings.PlansFolder)}; make one with 'patterns select'.");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("version", "date", "mode", "targets", "models", "note");
        foreach (var plan in versions.Reverse())
        {
            var models = string.Join(", ", plan.Stages.Where(s => s.Model is not null).Select(s => $"{s.Stage}={s.Model}"));
            var note = (plan == versions[^1] ? "current" : "")
                + (plan.RestoredFrom is { } restored ? string.Create(CultureInfo.InvariantCulture, $" restores v{restored}") : "");
            table.AddRow(
                plan.Version.ToString(CultureInfo.InvariantCulture),
                plan.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                plan.Mode.ToString().ToLowerInvariant(),
                Markup.Escape(plan.Slo.ToString()),
                Markup.Escape(models),
                note.Trim());
        }

        console.Write(table);
        return ExitCodes.Success;
    }
}
