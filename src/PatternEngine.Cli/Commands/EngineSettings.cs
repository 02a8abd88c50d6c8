using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary>The options of every command that runs patterns: which model answers, and how calls are limited and logged.</summary>
internal abstract class EngineSettings : CommandSettings
{
    [CommandOption("--concurrency <N>")]
    [Description("The most model calls in flight at once (default: no limit beyond the model's own).")]
    public int? Concurrency { get; init; }

    [CommandOption("--log <FILE>")]
    [Description("Append one JSON line per model call and one per run to FILE, flushed as they are written.")]
    public string? Log { get; init; }

    [CommandOption("--model-file <PATH>")]
    [Description("A GGUF model file (default: ../shared/models/stories260K.gguf from the repository root, or $PATTERNS_MODEL_FILE).")]
    public string? ModelFile { get; init; }

    public override ValidationResult Validate() =>
        Concurrency < 1 ? ValidationResult.Error($"--concurrency must be at least 1, not {Concurrency}") : ValidationResult.Success();
}
