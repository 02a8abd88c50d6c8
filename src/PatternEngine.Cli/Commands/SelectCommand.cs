using System.ComponentModel;
using PatternEngine.Bench;
using PatternEngine.Bench.History;
using PatternEngine.Definitions;
using PatternEngine.Library;
using PatternEngine.Models.Catalog;
using PatternEngine.Selection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary>
/// <c>patterns select PATTERN --mode fast|standard|thorough</c>: chooses a model for every stage from the profiles the
/// bench history holds (a prior from catalog prices where it holds none), and stores the routing plan.
/// </summary>
internal sealed class SelectCommand(IAnsiConsole console) : Command<SelectCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<PATTERN>")]
        [Description("A pattern file, or the name of a built-in pattern.")]
        public string Pattern { get; init; } = "";

        [CommandOption("--plans <DIR>")]
        [Description($"The folder plans and their history are kept in (default: {PlanStore.DefaultFolder} in the working directory).")]
        public string PlansFolder { get; init; } = PlanStore.DefaultFolder;

        [CommandOption("--mode <MODE>")]
        [Description("The preset of targets: fast (latency and cost), standard, or thorough (accuracy). Default: standard.")]
        public string Mode { get; init; } = "standard";

        [CommandOption("--slo <FILE>")]
        [Description("A YAML file of targets (min_accuracy, max_latency_p95_ms, max_cost_usd, max_error_rate) that override the mode's.")]
        public string? Slo { get; init; }

        [CommandOption("-g|--golden <FILE>")]
        [Description("Use only benches on this golden file (matched by file name) for the profiles.")]
        public string? Golden { get; init; }

        [CommandOption("--candidates <IDS>")]
        [Description("The catalog models to choose from, comma-separated (default: every model of the catalog).")]
        public string? Candidates { get; init; }

        [CommandOption("--db <FILE>")]
        [Description($"The bench history the profiles come from (default: {BenchHistory.DefaultFileName} here).")]
        public string Database { get; init; } = BenchHistory.DefaultFileName;

        [CommandOption("--out <FILE>")]
        [Description($"Where to write the plan (default: {PlanStore.DefaultFolder}/NAME.plan.yaml here); every version is also kept in {PlanStore.DefaultFolder}/history.")]
        public string? Out { get; init; }

        public RoutingMode ParsedMode => Enum.Parse<RoutingMode>(Mode, ignoreCase: true);

        public override ValidationResult Validate() =>
            Mode is not ("fast" or "standard" or "thorough")
                ? ValidationResult.Error($"--mode takes fast, standard or thorough, not '{Mode}'")
                : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var path = PatternLibrary.Default.Resolve(settings.Pattern);
        var definition = PatternFile.Load(path);
        var catalog = ModelCatalog.LoadDefault();
        var candidates = Candidates(catalog, settings.Candidates);
        var slo = settings.Slo is null ? Slo.For(settings.ParsedMode) : Slo.For(settings.ParsedMode).With(SloFile.Load(settings.Slo));
        var profiles = ProfileSource.Read(settings.Database, definition.Name, catalog, settings.Golden);

        var choices = PatternSelection.Choose(definition, candidates, profiles, slo, settings.ParsedMode);
        console.MarkupLine($"[bold]{Markup.Escape(definition.Name)}[/], {settings.ParsedMode.ToString().ToLowerInvariant()}: {Markup.Escape(slo.ToString())}");
        Write(choices);
        if (choices.Any(c => !c.IsFeasible))
        {
            console.MarkupLine("[red]No plan written:[/] a stage has no candidate that meets every target; loosen the targets, or bench more models.");
            return ExitCodes.RunFailed;
        }

        var store = new PlanStore(settings.PlansFolder, TimeProvider.System);
        var plan = store.Save(PatternSelection.Plan(definition, BenchEntry.HashFile(path), catalog, choices, slo, settings.ParsedMode), settings.Out);
        console.MarkupLine($"plan version {plan.Version} written to {Markup.Escape(settings.Out ?? store.CurrentPath(plan.Pattern))}");
        return ExitCodes.Success;
    }

    private void Write(IReadOnlyList<StageChoice> choices)
    {
        var table = new Table().AddColumns("stage", "model", "profile", "why");
        foreach (var choice in choices)
        {
            var model = !choice.CallsModel ? "[dim]none[/]" : choice.Chosen is { } chosen ? Markup.Escape(chosen.Model) : "[red]none meets the targets[/]";
            var profile = choice.Chosen is null ? "" : choice.Chosen.IsPrior ? "[yellow]prior[/]" : "measured";
            table.AddRow(Markup.Escape(choice.Stage), model, profile, Markup.Escape(choice.Rationale));
        }

        console.Write(table);
        foreach (var choice in choices.Where(c => !c.Rejected.IsEmpty))
        {
            console.MarkupLine(choice.IsFeasible
                ? $"[bold]{Markup.Escape(choice.Stage)}[/]: rejected candidates"
                : $"[bold]{Markup.Escape(choice.Stage)}[/]: every candidate misses a target");
            foreach (var (model, misses) in choice.Rejected)
            {
                console.MarkupLine($"  {Markup.Escape(model)}: {Markup.Escape(string.Join("; ", misses))}");
            }
        }
    }

    private static List<CatalogModel> Candidates(ModelCatalog catalog, string? ids)
    {
        if (ids is null)
        {
            return [.. catalog.Models];
        }

        return [.. ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(id =>
            catalog.Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal))
            ?? throw new SelectionInputException($"--candidates names '{id}', which the model catalog does not list; it lists: {string.Join(", ", catalog.Models.Select(m => m.Id))}"))];
    }
}
