using PatternEngine.Cli.Commands;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Providers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli;

/// <summary>The <c>patterns</c> command line: wiring, and the one place errors become exit codes and one-line messages.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = stdout == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = stdout == Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
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
        });

        try
        {
            return await app.RunAsync(args).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Report(e, stderr);
        }
    }

    private static int Report(Exception error, TextWriter stderr)
    {
        switch (error)
        {
            case PatternFileException file:
                file.Diagnostics.ToList().ForEach(stderr.WriteLine);
                return ExitCodes.InvalidInput;
            case CatalogFileException catalog:
                catalog.Diagnostics.ToList().ForEach(stderr.WriteLine);
                return ExitCodes.InvalidInput;
            case ProvidersFileException providers:
                providers.Diagnostics.ToList().ForEach(stderr.WriteLine);
                return ExitCodes.InvalidInput;
            case PatternInputException or ModelFileException or CommandParseException or CommandRuntimeException:
                stderr.WriteLine("error: " + error.Message);
                return ExitCodes.InvalidInput;
            case PatternRunException run:
                stderr.WriteLine("error: " + run.Message);
                return ExitCodes.RunFailed;
            default:
                stderr.WriteLine($"error: {error.Message} ({error.GetType().Name})");
                return ExitCodes.RunFailed;
        }
    }
}

/// <summary>The standard output and error the commands write to (the console, or a test's writers).</summary>
internal sealed record CliStreams(TextWriter Out, TextWriter Error);
