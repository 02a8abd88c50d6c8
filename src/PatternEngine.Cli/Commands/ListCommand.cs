using Spectre.Console.Cli;
using PatternEngine.Cli.Defaults;

namespace PatternEngine.Cli.Commands;

/// <summary><c>patterns list</c>: the built-in patterns, one line each.</summary>
internal sealed class ListCommand(CliStreams streams) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var entries = BuiltInLibrary.Instance.List();
        if (entries.Count == 0)
        {
            streams.Error.WriteLine($"error: no built-in patterns in {BuiltInLibrary.Instance.Directory}");
            return ExitCodes.RunFailed;
        }

        var width = entries.Max(e => e.Name.Length);
        foreach (var entry in entries)
        {
            streams.Out.WriteLine($"{entry.Name.PadRight(width)}  {entry.Summary}");
        }

        return ExitCodes.Success;
    }
}
