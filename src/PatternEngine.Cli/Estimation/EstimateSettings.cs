using System.ComponentModel;
using PatternEngine.Bench.History;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Estimation;

/// <summary>The options of <c>patterns estimate</c>.</summary>
internal sealed class EstimateSettings : CommandSettings
{
    [CommandArgument(0, "<FILE_OR_NAME>")]
    [Description("A pattern file, or the name of a built-in pattern (see 'patterns list').")]
    public string Pattern { get; init; } = "";

    [CommandOption("-i|--input <NAME=VALUE>")]
    [Description("An input, as name=value; repeat for each input. Inputs size the prompts, and a list input gives a map its item count.")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("--db <FILE>")]
    [Description($"The history whose measured profiles give the expected figures (default: {BenchHistory.DefaultFileName} here, when it exists).")]
    public string Database { get; init; } = BenchHistory.DefaultFileName;

    [CommandOption("--catalog <FILE>")]
    [Description("A model catalog over the built-in one (default: catalog.yaml in $PATTERNS_HOME or ~/.patterns, when there is one).")]
    public string? Catalog { get; init; }

    [CommandOption("--model <ID>")]
    [Description("The model the stages that name none run on (default: the embedded model).")]
    public string? Model { get; init; }

    [CommandOption("--mode <NAME>")]
    [Description("Estimate a run in the pattern's mode NAME (its modes: in the file, for example fast or thorough).")]
    public string? Mode { get; init; }

    [CommandOption("--json")]
    [Description("Print the estimate as JSON on standard output.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Inputs.FirstOrDefault(i => !i.Contains('=', StringComparison.Ordinal)) is { } bad
            ? ValidationResult.Error($"--input takes name=value, not '{bad}'")
            : base.Validate();
}
