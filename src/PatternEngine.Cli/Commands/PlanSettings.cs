using System.ComponentModel;
using PatternEngine.Selection;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary>What every <c>patterns plan</c> command takes: the pattern, and the folder its plans are kept in.</summary>
internal abstract class PlanSettings : CommandSettings
{
    [CommandArgument(0, "<PATTERN>")]
    [Description("The pattern's name.")]
    public string Pattern { get; init; } = "";

    [CommandOption("--plans <DIR>")]
    [Description($"The folder plans and their history are kept in (default: {PlanStore.DefaultFolder} in the working directory).")]
    public string PlansFolder { get; init; } = PlanStore.DefaultFolder;
}
