using System.ComponentModel;
using System.Globalization;
using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Tuning;
using PatternEngine.Cli.Defaults;
using PatternEngine.Cli.Output;
using PatternEngine.Execution.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary>
/// <c>patterns tune PATTERN --golden FILE --vary STAGE.field=v1,v2,...</c>: benches the pattern at each value beside
/// one baseline, reports each value's accuracy and tokens with intervals and the fitted trends, and recommends the
/// smallest value within the margin of the best accuracy; <c>--write-mode</c> writes it as a mode in a copy of the file.
/// </summary>
internal sealed class TuneCommand(CliStreams streams, IAnsiConsole console, CliTelemetry telemetry) : AsyncCommand<TuneCommand.Settings>
{
    public sealed class Settings : EngineSettings
    {
        [CommandArgument(0, "<PATTERN>")]
        [Description("A pattern file, or the name of a built-in pattern.")]
        public string Pattern { get; init; } = "";

        [CommandOption("-g|--golden <FILE>")]
        [Description("The golden file: one JSON case per line.")]
        public string Golden { get; init; } = "";

        [CommandOption("--vary <STAGE.FIELD=V1,V2,...>")]
        [Description("The stage field to sweep and its values: count, max_rounds, max_tokens or temperature (for example samples.count=1,3,5,9,15).")]
        public string Vary { get; init; } = "";

        [CommandOption("--margin <POINTS>")]
        [Description("Recommend the smallest value whose accuracy is within this many points of the best (default: 1).")]
        public double Margin { get; init; } = PatternTuner.DefaultMarginPoints;

        [CommandOption("--baseline <NAME>")]
        [Description("The pattern every value is measured against (default: baseline).")]
        public string Baseline { get; init; } = "baseline";

        [CommandOption("--repeats <N>")]
        [Description("Runs of each value on each case (default: 1).")]
        public int Repeats { get; init; } = 1;

        [CommandOption("--seed <N>")]
        [Description("The bench's seed.")]
        public int Seed { get; init; } = 42;

        [CommandOption("--runs-in-flight <N>")]
        [Description("Runs at once (default: 1).")]
        public int RunsInFlight { get; init; } = 1;

        [CommandOption("--resamples <N>")]
        [Description("Bootstrap resamples behind each interval (default: 2000).")]
        public int Resamples { get; init; } = 2000;

        [CommandOption("--write-mode <NAME>")]
        [Description("Write the recommended value as mode NAME in a copy of the pattern file (--out); the file itself is left as it is.")]
        public string? WriteMode { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Where --write-mode writes the copy (default: PATTERN.tuned.yaml in the working directory).")]
        public string? Out { get; init; }

        [CommandOption("--json <FILE>")]
        [Description("Write the sweep's bench report as JSON.")]
        public string? JsonFile { get; init; }

        public override ValidationResult Validate() =>
            Golden.Length == 0 ? ValidationResult.Error("--golden names the golden file")
            : Vary.Length == 0 ? ValidationResult.Error("--vary names the stage field to sweep and its values, as STAGE.field=v1,v2,...")
            : Margin < 0 || !double.IsFinite(Margin) ? ValidationResult.Error($"--margin takes points from 0 up, not {Margin.ToString(CultureInfo.InvariantCulture)}")
            : Repeats < 1 ? ValidationResult.Error($"--repeats must be at least 1, not {Repeats}")
            : RunsInFlight < 1 ? ValidationResult.Error($"--runs-in-flight must be at least 1, not {RunsInFlight}")
            : Resamples < 100 ? ValidationResult.Error($"--resamples must be at least 100, not {Resamples}")
            : WriteMode is { } mode && !System.Text.RegularExpressions.Regex.IsMatch(mode, "^[a-z][a-z0-9_-]*$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1))
                ? ValidationResult.Error($"--write-mode takes a lower-case mode name, not '{mode}'")
            : Out is not null && WriteMode is null ? ValidationResult.Error("--out names the copy --write-mode writes; give both")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Everything that can be wrong with the input is found before the model loads or a token is spent.
        var sweep = TuneSweep.Parse(settings.Vary, "--vary");
        var path = BuiltInLibrary.Instance.Resolve(settings.Pattern);
        var definition = BuiltInLibrary.Instance.Load(path);
        if (sweep.Check(definition) is { Count: > 0 } problems)
        {
            throw new Definitions.PatternFileException(problems);
        }

        var golden = GoldenFile.Load(settings.Golden);
        var baselinePath = BuiltInLibrary.Instance.Resolve(settings.Baseline);
        var baselineDefinition = BuiltInLibrary.Instance.Load(baselinePath);
        BenchRunner.CheckInputs([definition, baselineDefinition], golden);

        using var engine = Engine.Create(settings, telemetry);
        using var log = settings.Log is null ? null : new JsonLinesRunLog(settings.Log);
        var options = new BenchOptions
        {
            Repeats = settings.Repeats,
            Seed = settings.Seed,
            Concurrency = settings.RunsInFlight,
            Resamples = settings.Resamples,
            Log = log,
            ModelVersion = engine.ModelVersion,
        };
        var baseline = new BenchEntry(engine.Runtime.Compile(engine.Route(baselineDefinition)), BenchEntry.HashFile(baselinePath));
        var report = await BenchProgressBar.RunAsync(
            console,
            golden.Cases.Length * options.Repeats * (sweep.Values.Length + 1),
            progress => PatternTuner.TuneAsync(
                definition, BenchEntry.HashFile(path), sweep, d => engine.Runtime.Compile(engine.Route(d)), baseline, golden, settings.Margin, options, progress, cancellationToken)).ConfigureAwait(false);

        TuneView.Write(console, report);
        if (settings.JsonFile is { } json)
        {
            File.WriteAllText(json, Bench.Reports.BenchReportJson.Serialize(report.Bench));
        }

        engine.ThrowIfUnwritten(log);
        if (report.Bench.Interrupted || report.Recommended is null)
        {
            streams.Error.WriteLine("error: " + (report.Bench.Interrupted ? "the sweep was interrupted; nothing is recommended" : report.Reason));
            return ExitCodes.RunFailed;
        }

        if (settings.WriteMode is { } mode)
        {
            var output = settings.Out ?? $"{definition.Name}.tuned.yaml";
            TunedModeFile.Write(path, output, mode, sweep, report.Recommended.Value, BuiltInLibrary.LoadOptions);
            console.MarkupLineInterpolated($"mode [bold]{mode}[/] ({sweep.StageId}.{sweep.Field}={TuneSweep.Text(report.Recommended.Value)}) written to {output}; run it with --mode {mode}");
        }

        return ExitCodes.Success;
    }
}
