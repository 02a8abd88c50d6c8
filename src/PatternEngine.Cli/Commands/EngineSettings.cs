using System.ComponentModel;
using PatternEngine.Models.Recording;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary>The options of every command that runs patterns: which model answers, how calls are limited, streamed, cached and logged.</summary>
internal abstract class EngineSettings : CommandSettings
{
    [CommandOption("--concurrency <N>")]
    [Description("The most model calls in flight at once (default: no limit beyond the model's own).")]
    public int? Concurrency { get; init; }

    [CommandOption("--log <FILE>")]
    [Description("Append one JSON line per model call and one per run to FILE, flushed as they are written.")]
    public string? Log { get; init; }

    [CommandOption("--stream")]
    [Description("Stream every model call, so that the record has each call's time to first token.")]
    public bool Stream { get; init; }

    [CommandOption("--cache <FILE>")]
    [Description("Answer calls that the cassette FILE holds from it (marked cached); call the model for the rest and add them.")]
    public string? Cache { get; init; }

    [CommandOption("--record <FILE>")]
    [Description("Call the model for every request and add each request and answer, with usage and latency, to the cassette FILE.")]
    public string? Record { get; init; }

    [CommandOption("--replay <FILE>")]
    [Description("Answer every call from the cassette FILE, never the model; a request it does not hold is an error.")]
    public string? Replay { get; init; }

    [CommandOption("--model-file <PATH>")]
    [Description("A GGUF model file (default: ../shared/models/stories260K.gguf from the repository root, or $PATTERNS_MODEL_FILE).")]
    public string? ModelFile { get; init; }

    /// <summary>The cassette file and how to use it, when one is given.</summary>
    public (string File, CassetteMode Mode)? CassetteFile =>
        Cache is not null ? (Cache, CassetteMode.Cache)
        : Record is not null ? (Record, CassetteMode.Record)
        : Replay is not null ? (Replay, CassetteMode.Replay)
        : null;

    public override ValidationResult Validate() =>
        Concurrency < 1 ? ValidationResult.Error($"--concurrency must be at least 1, not {Concurrency}")
        : new[] { Cache, Record, Replay }.Count(f => f is not null) > 1
            ? ValidationResult.Error("--cache, --record and --replay each name a cassette; give at most one of them")
            : ValidationResult.Success();
}
