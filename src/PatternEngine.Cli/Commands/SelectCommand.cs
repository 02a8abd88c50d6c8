using System.ComponentModel;
using PatternEngine.Bench;
using PatternEngine.Bench.History;
using PatternEngine.Definitions.FieldOverrides;
using PatternEngine.Cli.Output;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Providers;
using PatternEngine.Selection;
using Spectre.Console;
using Spectre.Console.Cli;
using PatternEngine.Cli.Defaults;

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
        [Description("The preset of targets: fast (latency and cost), standard, or thorough (accuracy); the pattern's own mode of that name applies when it declares one. Default: standard.")]
        public string Mode { get; init; } = "standard";

        [CommandOption("--slo <FILE>")]
        [Description("A YAML file of targets (min_accuracy, max_latency_p95_ms, max_cost_usd, max_error_rate) that override the mode's.")]
        public string? Slo { get; init; }

        [CommandOption("-g|--golden <FILE>")]
        [Description("Use only benches on this golden file (matched by file name) for the profiles.")]
        public string? Golden { get; init; }

        [CommandOption("--candidates <IDS>")]
        [Description("The models to choose from, comma-separated, in the catalog or not (default: every model --providers routes to and every model the history has measured on the pattern).")]
        public string? Candidates { get; init; }

        [CommandOption("--providers <FILE>")]
        [Description("A providers file: every model it routes to is a candidate, and is benched through it.")]
        public string? Providers { get; init; }

        [CommandOption("--catalog <FILE>")]
        [Description("A model catalog over the built-in one (default: catalog.yaml in $PATTERNS_HOME or ~/.patterns, when there is one).")]
        public string? Catalog { get; init; }

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
        var path = BuiltInLibrary.Instance.Resolve(settings.Pattern);
        // The pattern's own mode of the same name (its modes: overrides: sample counts, rounds) is what the plan serves.
        var definition = PatternModes.ApplyIfDeclared(BuiltInLibrary.Instance.Load(path), settings.Mode);
        var catalog = UserCatalog.Load(settings.Catalog);
        var providers = settings.Providers is null ? null : ProvidersFile.Load(settings.Providers);
        var slo = settings.Slo is null ? Slo.For(settings.ParsedMode) : Slo.For(settings.ParsedMode).With(SloFile.Load(settings.Slo));
        var profiles = ProfileSource.Read(settings.Database, definition.Name, catalog, settings.Golden);
        var measured = profiles.Values.SelectMany(stage => stage.Keys).ToHashSet(StringComparer.Ordinal);
        var candidates = SelectCandidate.Find(settings.Candidates, providers, catalog, measured);

        console.MarkupLine($"[bold]{Markup.Escape(definition.Name)}[/], {settings.ParsedMode.ToString().ToLowerInvariant()}: {Markup.Escape(slo.ToString())}");
        if (!candidates.Any(c => measured.Contains(c.Id)))
        {
            SelectView.WriteNothingMeasured(console, settings.Pattern, settings.Database, settings.Golden, candidates);
            return ExitCodes.RunFailed;
        }

        var choices = PatternSelection.Choose(definition, [.. candidates.Select(c => c.Id)], catalog, profiles, slo, settings.ParsedMode);
        SelectView.WriteChoices(console, choices);
        if (candidates.Where(c => !measured.Contains(c.Id)).ToList() is { Count: > 0 } unmeasured)
        {
            console.WriteLine("Not measured yet, so judged on a prior; bench them to judge them on their figures:");
            SelectView.WriteBenchCommands(console, settings.Pattern, settings.Golden, unmeasured);
        }

        if (choices.Any(c => !c.IsFeasible))
        {
            SelectView.Prose(console, "No plan written: a stage has no candidate that meets every target; loosen the targets, or bench more models.");
            return ExitCodes.RunFailed;
        }

        var store = new PlanStore(settings.PlansFolder, TimeProvider.System);
        var plan = store.Save(PatternSelection.Plan(definition, BenchEntry.HashFile(path), catalog, choices, slo, settings.ParsedMode), settings.Out);
        console.MarkupLine($"plan version {plan.Version} written to {Markup.Escape(settings.Out ?? store.CurrentPath(plan.Pattern))}");
        return ExitCodes.Success;
    }
}
