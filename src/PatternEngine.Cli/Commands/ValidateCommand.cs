using System.ComponentModel;
using PatternEngine.Definitions;
using Spectre.Console.Cli;
using PatternEngine.Cli.Defaults;

namespace PatternEngine.Cli.Commands;

/// <summary><c>patterns validate FILE...</c>: every problem as <c>file:line:column: message</c>; exit 2 on any.</summary>
internal sealed class ValidateCommand(CliStreams streams) : Command<ValidateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("Pattern files (or built-in pattern names) to check.")]
        public string[] Files { get; init; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var invalid = 0;
        foreach (var file in settings.Files)
        {
            IReadOnlyList<Diagnostic> diagnostics;
            try
            {
                diagnostics = PatternFile.Check(BuiltInLibrary.Instance.Resolve(file), BuiltInLibrary.LoadOptions);
            }
            catch (PatternFileException e)
            {
                diagnostics = e.Diagnostics;
            }

            foreach (var diagnostic in diagnostics)
            {
                streams.Error.WriteLine(diagnostic);
            }

            if (diagnostics.Count > 0)
            {
                invalid++;
            }
            else
            {
                streams.Out.WriteLine($"{file}: valid");
            }
        }

        return invalid == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
    }
}
