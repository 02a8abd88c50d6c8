using System.ComponentModel;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Execution.Logging;
using PatternEngine.Library;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Local;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Routing;
using PatternEngine.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary><c>patterns run FILE_OR_NAME --input name=value ...</c>: runs a pattern on the embedded model.</summary>
internal sealed class RunCommand(CliStreams streams, IAnsiConsole console) : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : CommandSettings
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

        public override ValidationResult Validate() =>
            Inputs.FirstOrDefault(i => !i.Contains('=', StringComparison.Ordinal)) is { } bad
                ? ValidationResult.Error($"--input takes name=value, not '{bad}'")
                : Concurrency < 1
                    ? ValidationResult.Error($"--concurrency must be at least 1, not {Concurrency}")
                    : new[] { Cache, Record, Replay }.Count(f => f is not null) > 1
                        ? ValidationResult.Error("--cache, --record and --replay each name a cassette; give at most one of them")
                        : ValidationResult.Success();

        /// <summary>The cassette file and how to use it, when one is given.</summary>
        public (string File, CassetteMode Mode)? CassetteFile =>
            Cache is not null ? (Cache, CassetteMode.Cache)
            : Record is not null ? (Record, CassetteMode.Record)
            : Replay is not null ? (Replay, CassetteMode.Replay)
            : null;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var definition = PatternFile.Load(PatternLibrary.Default.Resolve(settings.Pattern));
        using var cassette = settings.CassetteFile is var (file, mode)
            ? mode == CassetteMode.Replay ? Cassette.Load(file) : Cassette.OpenOrCreate(file)
            : null;

        // Replay calls no model, but the model's id is part of every request it looks up, so the model is loaded.
        using var model = GgufModel.Load(DefaultModelFile.Resolve(settings.ModelFile));
        var options = new PatternCompilerOptions
        {
            Plugins = PatternLibrary.Default.Tools(),
            Catalog = ModelCatalog.LoadDefault(),
            Streaming = settings.Stream,
            Cassette = cassette,
            CassetteMode = settings.CassetteFile?.Mode ?? CassetteMode.Cache,
        };
        var compiled = new PatternCompiler(ModelRouter.For(model.AsChatClient(), maxConcurrency: settings.Concurrency), options).Compile(definition);
        var inputs = settings.Inputs
            .Select(i => i.Split('=', 2))
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);

        using var log = settings.Log is null ? null : new JsonLinesRunLog(settings.Log);
        var record = await compiled.RunAsync(inputs, new RunOptions { Seed = settings.Seed, Log = log }, cancellationToken).ConfigureAwait(false);
        if (settings.Json)
        {
            streams.Out.WriteLine(RunRecordJson.Serialize(record));
        }
        else
        {
            RunRecordView.Write(console, record);
        }

        return ExitCodes.Success;
    }
}
