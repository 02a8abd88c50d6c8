using System.ComponentModel;
using PatternEngine.Bench.Conversations;
using PatternEngine.Definitions.FieldOverrides;
using PatternEngine.Execution;
using PatternEngine.Execution.Logging;
using PatternEngine.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;
using PatternEngine.Cli.Defaults;
using PatternEngine.Cli.Estimation;
using PatternEngine.Cli.Review;
using PatternEngine.Review;

namespace PatternEngine.Cli.Commands;

/// <summary><c>patterns run FILE_OR_NAME --input name=value ...</c>: runs a pattern on the embedded model, or on OpenAI-compatible providers.</summary>
internal sealed class RunCommand(CliStreams streams, IAnsiConsole console, CliTelemetry telemetry) : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : RunLimitSettings
    {
        [CommandArgument(0, "<FILE_OR_NAME>")]
        [Description("A pattern file, or the name of a built-in pattern (see 'patterns list').")]
        public string Pattern { get; init; } = "";

        [CommandOption("-i|--input <NAME=VALUE>")]
        [Description("An input, as name=value; repeat for each input.")]
        public string[] Inputs { get; init; } = [];

        [CommandOption("--seed <N>")]
        [Description("The run's seed; the same seed repeats the same run.")]
        public int Seed { get; init; } = 42;

        [CommandOption("--json")]
        [Description("Print the run record as JSON on standard output.")]
        public bool Json { get; init; }

        [CommandOption("--plan <FILE>")]
        [Description("Run each stage on the model the routing plan FILE names for it (see 'patterns select').")]
        public string? Plan { get; init; }

        [CommandOption("--conversation <ID>")]
        [Description("Run as the next turn of the stored conversation ID (the turn's text is --input question=...; see 'patterns converse').")]
        public string? Conversation { get; init; }

        [CommandOption("--store <FILE>")]
        [Description("The conversation store --conversation is in (default: patterns-conversations.db in the working directory).")]
        public string? Store { get; init; }

        [CommandOption("--db <FILE>")]
        [Description("The history database whose review queue a run the pattern's review rule holds goes to (default: patterns-history.db here).")]
        public string Database { get; init; } = Bench.History.BenchHistory.DefaultFileName;

        [CommandOption("--dry-run")]
        [Description("Print the run's estimate per stage (as 'patterns estimate') and stop: no model is loaded or called.")]
        public bool DryRun { get; init; }

        [CommandOption("--no-review-queue")]
        [Description("Only say that the run needs review; do not queue it.")]
        public bool NoReviewQueue { get; init; }

        protected override bool RoutesByPlan => Plan is not null;

        public override ValidationResult Validate() =>
            Inputs.FirstOrDefault(i => !i.Contains('=', StringComparison.Ordinal)) is { } bad
                ? ValidationResult.Error($"--input takes name=value, not '{bad}'")
                : Plan is not null && Model is not null ? ValidationResult.Error("--plan routes each stage itself; drop --model, or the plan")
                : Store is not null && Conversation is null ? ValidationResult.Error("--store names the conversation store of --conversation; give both")
                : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var path = BuiltInLibrary.Instance.Resolve(settings.Pattern);
        var definition = BuiltInLibrary.Instance.Load(path);
        var plan = settings.Plan is null ? null : PlanCheck.Load(settings.Plan, definition, path, streams.Error);

        // A plan chosen for one of the pattern's modes runs in it, unless --mode says otherwise; an unknown mode stops here, before the model loads.
        if ((settings.Mode ?? plan?.PatternMode) is { } mode)
        {
            definition = PatternModes.Apply(definition, mode);
        }

        var inputs = InputArguments.Parse(settings.Inputs);
        if (settings.DryRun)
        {
            var routed = plan is null ? definition : Selection.StageModels.WithModels(definition, plan.ModelsByStage);
            EstimateCommand.Write(streams, console, EstimateCommand.Estimate(routed, inputs, settings.Database, settings.Catalog, settings.Model), settings.Json);
            return ExitCodes.Success;
        }

        using var engine = Engine.Create(settings, telemetry, plan is null ? null : [.. plan.ModelsByStage.Values]);
        var compiled = engine.Runtime.Compile(engine.Route(definition, plan));

        // A lone run would carry the process's first-call JIT in its first stage: it is paid here, and reported apart.
        var startup = await engine.WarmUpAsync(compiled, inputs, cancellationToken).ConfigureAwait(false);

        using var store = settings.Conversation is null ? null : SqliteConversationStore.Open(settings.Store ?? SqliteConversationStore.DefaultFileName);
        using var log = settings.Log is null ? null : new JsonLinesRunLog(settings.Log);
        var options = new RunOptions { Seed = settings.Seed, Log = log, Budget = settings.Budget };
        RunRecord record;
        try
        {
            record = store is null
                ? await compiled.RunAsync(inputs, options, cancellationToken).ConfigureAwait(false)
                : await ConversationTurns.ContinueAsync(compiled, store, settings.Conversation!, inputs, options, cancellationToken).ConfigureAwait(false);
        }
        catch (PatternRunException failed)
        {
            // What the run measured before it stopped is shown too; the error goes to standard error, and the exit code
            // says why it stopped (1 failed, 4 out of budget, 5 blocked by a guard).
            Write(settings, failed.Partial, failed.Message, startup);
            throw;
        }

        Write(settings, record, null, startup);
        if (record.NeedsReview && !settings.Json)
        {
            // A run that needs review still succeeded (exit 0); it says so where a person reads it.
            console.MarkupLine("[yellow]needs review[/]: " + Markup.Escape(string.Join("; ", record.ReviewReasons)));
        }

        if (!settings.NoReviewQueue && await ReviewQueueing.EnqueueAsync(settings.Database, [ReviewSubmission.For(record, inputs)], cancellationToken).ConfigureAwait(false) is { } queued)
        {
            (settings.Json ? streams.Error : streams.Out).WriteLine(queued); // --json keeps standard output to the record
        }

        engine.ThrowIfUnwritten(log);
        return ExitCodes.Success;
    }

    private void Write(Settings settings, RunRecord record, string? failure, RunStartup startup)
    {
        if (settings.Json)
        {
            streams.Out.WriteLine(RunRecordJson.Serialize(record, failure, startup));
        }
        else
        {
            RunRecordView.Write(console, record, failure, startup);
        }
    }
}
