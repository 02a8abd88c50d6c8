using System.ComponentModel;
using System.Globalization;
using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.History;
using PatternEngine.Bench.Reports;
using PatternEngine.Definitions.FieldOverrides;
using PatternEngine.Cli.Output;
using PatternEngine.Execution.Logging;
using PatternEngine.Models.OpenAI;
using Spectre.Console;
using Spectre.Console.Cli;
using PatternEngine.Cli.Defaults;

namespace PatternEngine.Cli.Commands;

/// <summary>
/// <c>patterns bench --patterns A,B --golden FILE.jsonl</c>: runs every pattern and the baseline on every case,
/// then reports what each cost and bought against the baseline, with confidence intervals, and stores it in history.
/// </summary>
internal sealed class BenchCommand(CliStreams streams, IAnsiConsole console, CliTelemetry telemetry) : AsyncCommand<BenchCommand.Settings>
{
    public sealed class Settings : RunLimitSettings
    {
        [CommandOption("-p|--patterns <NAMES>")]
        [Description("The patterns to measure: files or built-in names, comma-separated.")]
        public string Patterns { get; init; } = "";

        [CommandOption("--baseline <NAME>")]
        [Description("The pattern every delta is measured against (default: baseline).")]
        public string Baseline { get; init; } = "baseline";

        [CommandOption("-g|--golden <FILE>")]
        [Description("The golden file (one JSON case per line), or a built-in one by name: prompt-injection.")]
        public string Golden { get; init; } = "";

        [CommandOption("--repeats <N>")]
        [Description("Runs of each pattern on each case (default: 1).")]
        public int Repeats { get; init; } = 1;

        [CommandOption("--seed <N>")]
        [Description("The bench's seed: repeat r runs with seed N + r; the bootstrap draws from it too.")]
        public int Seed { get; init; } = 42;

        [CommandOption("--runs-in-flight <N>")]
        [Description("Runs at once (default: 1, so each run's latency is its own).")]
        public int RunsInFlight { get; init; } = 1;

        [CommandOption("--resamples <N>")]
        [Description("Bootstrap resamples behind each confidence interval (default: 2000).")]
        public int Resamples { get; init; } = 2000;

        [CommandOption("--on-malformed <skip|fail>")]
        [Description("What a malformed golden line does: skip it (reported) or fail the bench (default: skip).")]
        public string OnMalformed { get; init; } = "skip";

        [CommandOption("--json <FILE>")]
        [Description("Write the report as JSON.")]
        public string? JsonFile { get; init; }

        [CommandOption("--markdown <FILE>")]
        [Description("Write the report as Markdown, for a pull request.")]
        public string? MarkdownFile { get; init; }

        [CommandOption("--html <FILE>")]
        [Description("Write a self-contained HTML report with charts.")]
        public string? HtmlFile { get; init; }

        [CommandOption("--junit <FILE>")]
        [Description("Write JUnit XML: one test per pattern and per gate threshold, for CI test reports.")]
        public string? JUnitFile { get; init; }

        [CommandOption("--trx <FILE>")]
        [Description("Write Visual Studio test results (TRX): one test per pattern and per gate threshold.")]
        public string? TrxFile { get; init; }

        [CommandOption("--summary <FILE>")]
        [Description("Write a plain-language summary for stakeholders (Markdown): time, requests per hour, cost per 1,000 requests and accuracy against the baseline, with intervals.")]
        public string? SummaryFile { get; init; }

        [CommandOption("--summary-budget-usd <USD>")]
        [Description("The budget the summary counts the requests of, where cost differs distinguishably (default: 100).")]
        public double SummaryBudgetUsd { get; init; } = Bench.Reports.Summary.StakeholderSummary.DefaultBudgetUsd;

        [CommandOption("--db <FILE>")]
        [Description("The history database the results are added to (default: patterns-history.db here).")]
        public string Database { get; init; } = BenchHistory.DefaultFileName;

        [CommandOption("--max-error-rate <SHARE>")]
        [Description("The largest share of any pattern's runs that may fail before the bench exits 1 (default: 0.05); a bench whose every run failed always does.")]
        public double MaxErrorRate { get; init; } = 0.05;

        [CommandOption("--gate <FILE>")]
        [Description("A gate file (YAML): thresholds per pattern judged on the measured intervals; a failing gate exits 3.")]
        public string? GateFile { get; init; }

        [CommandOption("--gate-inconclusive <fail|pass>")]
        [Description("What a threshold whose interval straddles its limit does (default: pass, so a gate fails only on a miss it proves).")]
        public string GateInconclusive { get; init; } = "pass";

        [CommandOption("--batch")]
        [Description("Send the calls through the provider's Batch API (OpenAI /v1/batches), a wave of up to --runs-in-flight calls per batch, at the catalog's batch price; latency is not measured. Needs --endpoint, --provider or --providers.")]
        public bool Batch { get; init; }

        [CommandOption("--batch-poll <SECONDS>")]
        [Description("With --batch: how often a batch's status is asked for (default: 30).")]
        public double BatchPollSeconds { get; init; } = 30;

        [CommandOption("--no-review-queue")]
        [Description("Do not queue the runs the patterns' review rules hold in the --db file's review queue.")]
        public bool NoReviewQueue { get; init; }

        [CommandOption("--judge-model <ID>")]
        [Description("The model that scores 'scorer: judge' golden cases (a route of the providers, or a local catalog entry); its calls are reported apart.")]
        public string? JudgeModel { get; init; }

        [CommandOption("--judge-rubric <FILE>")]
        [Description("A Scriban rubric the judge grades with (question, reference, answer; asks for {\"correct\": ..., \"reason\": ...}); default: the built-in one.")]
        public string? JudgeRubric { get; init; }

        [CommandOption("--resume")]
        [Description("Continue the newest interrupted bench in --db that ran the same patterns, golden cases, models, seed and repeats: its finished runs are not run again, and the report covers them all.")]
        public bool Resume { get; init; }

        [CommandOption("--no-history")]
        [Description("Do not store the results.")]
        public bool NoHistory { get; init; }

        public override ValidationResult Validate() =>
            Patterns.Length == 0 ? ValidationResult.Error("--patterns names at least one pattern")
            : Golden.Length == 0 ? ValidationResult.Error("--golden names the golden file")
            : Repeats < 1 ? ValidationResult.Error($"--repeats must be at least 1, not {Repeats}")
            : RunsInFlight < 1 ? ValidationResult.Error($"--runs-in-flight must be at least 1, not {RunsInFlight}")
            : Resamples < 100 ? ValidationResult.Error($"--resamples must be at least 100, not {Resamples}")
            : OnMalformed is not ("skip" or "fail") ? ValidationResult.Error($"--on-malformed takes skip or fail, not '{OnMalformed}'")
            : GateInconclusive is not ("fail" or "pass") ? ValidationResult.Error($"--gate-inconclusive takes fail or pass, not '{GateInconclusive}'")
            : Batch && !UsesProviders ? ValidationResult.Error("--batch goes through a provider's Batch API: give --endpoint, --provider or --providers")
            : Batch && Stream ? ValidationResult.Error("--batch cannot stream: the Batch API answers whole; drop --stream")
            : BatchPollSeconds is not (> 0 and <= 3600) ? ValidationResult.Error($"--batch-poll takes seconds from above 0 to 3600, not {BatchPollSeconds.ToString(CultureInfo.InvariantCulture)}")
            : !(SummaryBudgetUsd > 0 && double.IsFinite(SummaryBudgetUsd)) ? ValidationResult.Error($"--summary-budget-usd takes an amount above 0, not {SummaryBudgetUsd.ToString(CultureInfo.InvariantCulture)}")
            : JudgeRubric is not null && JudgeModel is null ? ValidationResult.Error("--judge-rubric goes with --judge-model ID")
            : Resume && NoHistory ? ValidationResult.Error("--resume continues a bench from its history, so it cannot go with --no-history")
            : MaxErrorRate is < 0 or > 1 ? ValidationResult.Error($"--max-error-rate takes a share from 0 to 1, not {MaxErrorRate.ToString(CultureInfo.InvariantCulture)}")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Everything that can be wrong with the input is found before the model loads or a token is spent.
        var golden = GoldenFile.Load(BuiltInGolden.Resolve(settings.Golden), new GoldenReadOptions { MalformedLines = settings.OnMalformed == "fail" ? MalformedLineHandling.Fail : MalformedLineHandling.Skip });
        var files = settings.Patterns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Prepend(settings.Baseline)
            .Select(BuiltInLibrary.Instance.Resolve)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (Path: path, Definition: BuiltInLibrary.Instance.Load(path)))
            .Select((file, index) => file with { Definition = InMode(file.Definition, settings.Mode, isBaseline: index == 0) })
            .ToList();
        BenchRunner.CheckInputs(files.Select(f => f.Definition), golden);
        var gates = BenchGating.Load(settings.GateFile, files.Select(f => f.Definition.Name));
        var rubric = BenchJudging.Rubric(settings, golden);

        using var engine = Engine.Create(
            settings,
            telemetry,
            settings.JudgeModel is { } judgeModel ? [judgeModel] : null,
            settings.Batch ? new OpenAIBatchOptions { MaxWaveSize = settings.RunsInFlight, PollInterval = TimeSpan.FromSeconds(settings.BatchPollSeconds) } : null);
        var entries = files.Select(f => new BenchEntry(engine.Runtime.Compile(engine.Route(f.Definition)), BenchEntry.HashFile(f.Path))).ToList();
        using var log = settings.Log is null ? null : new JsonLinesRunLog(settings.Log);
        using var history = settings.NoHistory ? null : BenchHistory.Open(settings.Database);
        var options = new BenchOptions
        {
            Repeats = settings.Repeats,
            Seed = settings.Seed,
            Concurrency = settings.RunsInFlight,
            Resamples = settings.Resamples,
            Log = log,
            Budget = settings.Budget,
            Mode = settings.Mode,
            ModelVersion = engine.ModelVersion,
            Judge = BenchJudging.Judge(settings, engine, rubric),
            Batched = settings.Batch,

            // A warm-up pays for JIT and cold caches so that latency is fair; a batch bench measures none, and it would cost a batch round trip.
            Warmup = !settings.Batch,
            History = history,
            Resume = settings.Resume,
        };

        var report = await BenchProgressBar.RunAsync(
            console,
            golden.Cases.Length * options.Repeats * entries.Count,
            progress => BenchRunner.RunAsync(entries[0], entries, golden, options, progress, cancellationToken)).ConfigureAwait(false);

        BenchReportView.Write(console, report);
        var judged = BenchGating.Judge(console, report, gates, settings.GateInconclusive);
        WriteFiles(settings, report, judged);
        BenchStoredView.Write(console, report, settings.Database);

        if (!settings.NoReviewQueue && await Cli.Review.ReviewQueueing.EnqueueAsync(settings.Database, report.Samples.Select(s => s.Review), cancellationToken).ConfigureAwait(false) is { } queued)
        {
            console.WriteLine(queued);
        }

        engine.ThrowIfUnwritten(log);
        if (report.Interrupted)
        {
            return ExitCodes.RunFailed;
        }

        // The figures are written and stored either way; the exit code says whether they can be trusted.
        if (BenchErrors.Describe(report, settings.MaxErrorRate) is { } errors)
        {
            streams.Error.WriteLine("error: " + errors);
            return ExitCodes.RunFailed;
        }

        judged?.ThrowIfFailed();
        return ExitCodes.Success;
    }

    // Every measured pattern must declare the bench's mode (checked here, before the model loads); the baseline runs in it when it declares it.
    private static Definitions.PatternDefinition InMode(Definitions.PatternDefinition definition, string? mode, bool isBaseline) =>
        mode is null ? definition : isBaseline ? PatternModes.ApplyIfDeclared(definition, mode) : PatternModes.Apply(definition, mode);

    private static void WriteFiles(Settings settings, BenchReport report, Bench.Gates.GateReport? gates)
    {
        if (settings.SummaryFile is { } summary)
        {
            File.WriteAllText(summary, Bench.Reports.Summary.StakeholderSummary.ToMarkdown(report, settings.SummaryBudgetUsd));
        }

        if (settings.JUnitFile is { } junit)
        {
            File.WriteAllText(junit, Bench.Reports.CiResults.BenchJUnit.ToXml(report, gates));
        }

        if (settings.TrxFile is { } trx)
        {
            File.WriteAllText(trx, Bench.Reports.CiResults.BenchTrx.ToXml(report, gates));
        }

        if (settings.JsonFile is { } json)
        {
            File.WriteAllText(json, BenchReportJson.Serialize(report));
        }

        if (settings.MarkdownFile is { } markdown)
        {
            File.WriteAllText(markdown, BenchReportMarkdown.ToMarkdown(report));
        }

        if (settings.HtmlFile is { } html)
        {
            File.WriteAllText(html, BenchReportHtml.ToHtml(report));
        }
    }
}
