using System.ComponentModel;
using System.Globalization;
using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Cli.Output;
using PatternEngine.Execution.Logging;
using PatternEngine.Selection;
using Spectre.Console;
using Spectre.Console.Cli;
using PatternEngine.Cli.Defaults;

namespace PatternEngine.Cli.Commands;

/// <summary>
/// <c>patterns compare --plan A --plan B --golden FILE</c>: runs a pattern under both plans on the same cases and
/// gives B's deltas against A with 95% intervals, and a verdict on each SLO target of the plans.
/// </summary>
internal sealed class CompareCommand(CliStreams streams, IAnsiConsole console, CliTelemetry telemetry) : AsyncCommand<CompareCommand.Settings>
{
    public sealed class Settings : EngineSettings
    {
        [CommandOption("--plan <FILE>")]
        [Description("A routing plan; give two: the first is A (the baseline), the second B.")]
        public string[] Plans { get; init; } = [];

        [CommandOption("-g|--golden <FILE>")]
        [Description("The golden file both plans run on.")]
        public string Golden { get; init; } = "";

        [CommandOption("--pattern <FILE_OR_NAME>")]
        [Description("The pattern file the plans are for (default: the built-in pattern the plans name).")]
        public string? Pattern { get; init; }

        [CommandOption("--repeats <N>")]
        [Description("Runs of each plan on each case (default: 1).")]
        public int Repeats { get; init; } = 1;

        [CommandOption("--seed <N>")]
        [Description("The seed of the runs and the bootstrap.")]
        public int Seed { get; init; } = 42;

        [CommandOption("--resamples <N>")]
        [Description("Bootstrap resamples behind each interval (default: 2000).")]
        public int Resamples { get; init; } = 2000;

        [CommandOption("--summary <FILE>")]
        [Description("Write a plain-language summary for stakeholders (Markdown): B against A in time, requests per hour, cost per 1,000 requests and accuracy, with intervals.")]
        public string? SummaryFile { get; init; }

        protected override bool RoutesByPlan => true;

        public override ValidationResult Validate() =>
            Plans.Length != 2 ? ValidationResult.Error($"--plan is given twice, A then B, not {Plans.Length} times")
            : Golden.Length == 0 ? ValidationResult.Error("--golden names the golden file")
            : Model is not null ? ValidationResult.Error("--model would route every stage itself; the plans route them")
            : Repeats < 1 ? ValidationResult.Error($"--repeats must be at least 1, not {Repeats}")
            : Resamples < 100 ? ValidationResult.Error($"--resamples must be at least 100, not {Resamples}")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var golden = GoldenFile.Load(BuiltInGolden.Resolve(settings.Golden));
        var first = RoutingPlanFile.Load(settings.Plans[0]);
        var path = BuiltInLibrary.Instance.Resolve(settings.Pattern ?? first.Pattern);
        var definition = BuiltInLibrary.Instance.Load(path);
        var a = PlanCheck.Load(settings.Plans[0], definition, path, streams.Error);
        var b = PlanCheck.Load(settings.Plans[1], definition, path, streams.Error);

        using var engine = Engine.Create(settings, telemetry, [.. a.ModelsByStage.Values, .. b.ModelsByStage.Values]);
        var hash = BenchEntry.HashFile(path);
        var entryA = new BenchEntry(engine.Runtime.Compile(engine.Route(definition, a) with { Name = Label("A", a) }), hash);
        var entryB = new BenchEntry(engine.Runtime.Compile(engine.Route(definition, b) with { Name = Label("B", b) }), hash);
        using var log = settings.Log is null ? null : new JsonLinesRunLog(settings.Log);
        var options = new BenchOptions { Repeats = settings.Repeats, Seed = settings.Seed, Resamples = settings.Resamples, ModelVersion = engine.ModelVersion, Log = log };
        var report = await BenchProgressBar.RunAsync(
            console,
            golden.Cases.Length * options.Repeats * 2,
            progress => BenchRunner.RunAsync(entryA, [entryB], golden, options, progress, cancellationToken)).ConfigureAwait(false);

        BenchReportView.Write(console, report);
        var summaryA = report.Patterns.Single(p => p.Pattern == entryA.Name);
        var summaryB = report.Patterns.Single(p => p.Pattern == entryB.Name);
        Write(entryA.Name, entryB.Name, PlanComparison.Compare(summaryA, summaryB, a.Slo.With(b.Slo)));
        if (settings.SummaryFile is { } summary)
        {
            File.WriteAllText(summary, Bench.Reports.Summary.StakeholderSummary.ToMarkdown(report));
        }

        engine.ThrowIfUnwritten(log);
        return report.Interrupted ? ExitCodes.RunFailed : ExitCodes.Success;
    }

    // The name becomes part of kernel function names, which take letters, digits and underscores (dashes are mapped).
    private static string Label(string side, RoutingPlan plan) =>
        string.Create(CultureInfo.InvariantCulture, $"{plan.Pattern}-{side}-v{plan.Version}-{plan.Mode.ToString().ToLowerInvariant()}");

    private void Write(string a, string b, IReadOnlyList<TargetComparison> comparisons)
    {
        console.MarkupLine($"{Markup.Escape(b)} against {Markup.Escape(a)}");
        var table = new Table().AddColumns("target", "A", "B", "B - A [[95% CI]]", "verdict");
        foreach (var c in comparisons)
        {
            var unit = c.Target is "min_accuracy" or "max_error_rate" ? " pts" : "%";
            var delta = c.Delta is { } d
                ? string.Create(CultureInfo.InvariantCulture, $"{d.Value:+0.0;-0.0;0}{unit} [{d.Low:+0.0;-0.0;0}, {d.High:+0.0;-0.0;0}]")
                : "n/a";
            table.AddRow(c.Target, Figure(c.A, c.Unpriced), Figure(c.B, c.Unpriced), Markup.Escape(delta), c.Unpriced ? "cost unknown: a model is unpriced" : Verdict(c.Verdict));
        }

        console.Write(table);
    }

    private static string Figure(double? value, bool unpriced) =>
        value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : unpriced ? "unknown" : "n/a";

    private static string Verdict(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Better => "[green]better[/]",
        ComparisonVerdict.Worse => "[red]worse[/]",
        ComparisonVerdict.NotDistinguishable => "not distinguishable at 95%",
        _ => "[dim]not measured[/]",
    };
}
