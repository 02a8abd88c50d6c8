using PatternEngine.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli;

/// <summary>The <c>patterns</c> command line: wiring, and the one place errors become exit codes and one-line messages.</summary>
internal static class CliApp
{
    private const int PipedWidth = 240;

    /// <summary>Runs one command, with the telemetry settings of the process's environment.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, CliTelemetry.ProcessEnvironment(), cancellationToken);

    /// <summary>Runs one command; <paramref name="environment"/> holds the telemetry's settings (<c>OTEL_*</c>, <c>PATTERNS_LLAMA_LOG</c>).</summary>
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = stdout == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = stdout == Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!console.Profile.Out.IsTerminal)
        {
            // Piped or captured output is read by scripts and grep: rows wrapped at 80 columns would break them.
            console.Profile.Width = PipedWidth;
        }

        var registrar = new ServiceRegistrar();
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        registrar.RegisterInstance(typeof(CliStreams), new CliStreams(stdout, stderr));
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("patterns");
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.ConfigureConsole(console);
            config.AddCommand<ListCommand>("list").WithDescription("List the built-in patterns.");
            config.AddCommand<ValidateCommand>("validate").WithDescription("Check pattern files; exit 2 on any error.");
            config.AddCommand<RunCommand>("run").WithDescription("Run a pattern file or built-in pattern.");
            config.AddCommand<Estimation.EstimateCommand>("estimate").WithDescription("Estimate one run's tokens and cost per stage, expected and worst case, without calling a model.");
            config.AddCommand<ConverseCommand>("converse").WithDescription("Play a scripted conversation through a pattern, each turn stored; --forget deletes one.");
            config.AddCommand<BenchCommand>("bench").WithDescription("Measure patterns against a baseline on a golden file.");
            config.AddCommand<HistoryCommand>("history").WithDescription("Show stored bench results over time, newest first.");
            config.AddCommand<SelectCommand>("select").WithDescription("Choose a model for every stage from measured profiles, and store the routing plan.");
            config.AddCommand<TuneCommand>("tune").WithDescription("Sweep a stage field (count, max_rounds, max_tokens, temperature) on a golden file and recommend the smallest setting within a margin of the best accuracy.");
            config.AddCommand<CompareCommand>("compare").WithDescription("Run a pattern under two routing plans on the same cases and judge each SLO target.");
            config.AddBranch("review", review =>
            {
                review.SetDescription("Work the queue of runs a pattern's review rule held: list, show, approve, reject, export as golden cases.");
                review.AddCommand<Review.ReviewListCommand>("list").WithDescription("Show the review queue, oldest first.");
                review.AddCommand<Review.ReviewShowCommand>("show").WithDescription("Show one review item whole.");
                review.AddCommand<Review.ReviewApproveCommand>("approve").WithDescription("Approve a pending item, optionally with a corrected answer.");
                review.AddCommand<Review.ReviewRejectCommand>("reject").WithDescription("Reject a pending item.");
                review.AddCommand<Review.ReviewExportCommand>("export").WithDescription("Write the approved items as golden cases.");
            });
            config.AddBranch("plan", plan =>
            {
                plan.SetDescription("List and roll back stored routing plans.");
                plan.AddCommand<PlanListCommand>("list").WithDescription("Show every stored version of a pattern's plan.");
                plan.AddCommand<PlanRollbackCommand>("rollback").WithDescription("Restore the plan before the current one, as a new version.");
            });
        });

        // Telemetry outlives the command, whatever its end: disposing it exports what a failed or cancelled run left.
        CliTelemetry? telemetry = null;
        try
        {
            telemetry = CliTelemetry.Start(environment, stderr);
            registrar.RegisterInstance(typeof(CliTelemetry), telemetry);
            return await app.RunAsync(args, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Report(e, stderr);
        }
        finally
        {
            telemetry?.Dispose();
        }
    }

    // Every engine error says what kind it is and, when its input has places, where; a flag Spectre cannot parse is
    // bad input too. Anything else is a bug, named by its type so that it can be reported.
    private static int Report(Exception error, TextWriter stderr)
    {
        switch (error)
        {
            case PatternEngineException { Diagnostics.Count: > 0 } located:
                located.Diagnostics.ToList().ForEach(stderr.WriteLine);
                return ExitCode(located.Kind);
            case PatternEngineException engine:
                stderr.WriteLine("error: " + engine.Message);
                return ExitCode(engine.Kind);
            case CommandParseException or CommandRuntimeException:
                stderr.WriteLine("error: " + error.Message);
                return ExitCodes.InvalidInput;
            default:
                stderr.WriteLine($"error: {error.Message} ({error.GetType().Name})");
                return ExitCodes.RunFailed;
        }
    }

    private static int ExitCode(PatternEngineErrorKind kind) => kind switch
    {
        PatternEngineErrorKind.InvalidInput => ExitCodes.InvalidInput,
        PatternEngineErrorKind.GateFailed => ExitCodes.GateFailed,
        PatternEngineErrorKind.BudgetExceeded => ExitCodes.BudgetExceeded,
        PatternEngineErrorKind.Blocked => ExitCodes.Blocked,
        _ => ExitCodes.RunFailed,
    };
}

/// <summary>The standard output and error the commands write to (the console, or a test's writers).</summary>
internal sealed record CliStreams(TextWriter Out, TextWriter Error);
