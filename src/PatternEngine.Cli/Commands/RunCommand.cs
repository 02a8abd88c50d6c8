using System.ComponentModel;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Execution.Logging;
using PatternEngine.Library;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Local;
using PatternEngine.Models.Providers;
using PatternEngine.Models.Routing;
using PatternEngine.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary><c>patterns run FILE_OR_NAME --input name=value ...</c>: runs a pattern on the embedded model, or on OpenAI-compatible providers.</summary>
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

        [CommandOption("--model-file <PATH>")]
        [Description("A GGUF model file (default: ../shared/models/stories260K.gguf from the repository root, or $PATTERNS_MODEL_FILE).")]
        public string? ModelFile { get; init; }

        [CommandOption("--providers <FILE>")]
        [Description("A providers file mapping model names to OpenAI-compatible endpoints (default: providers.yaml in the working directory, with --provider).")]
        public string? Providers { get; init; }

        [CommandOption("--provider <NAME>")]
        [Description("Serve stages that name no model with this provider of the providers file.")]
        public string? Provider { get; init; }

        [CommandOption("--endpoint <URL>")]
        [Description("Serve every stage with this OpenAI-compatible endpoint (a base URL, e.g. http://127.0.0.1:8080/v1); needs --model.")]
        public string? Endpoint { get; init; }

        [CommandOption("--model <ID>")]
        [Description("The model id to ask --endpoint or --provider for.")]
        public string? Model { get; init; }

        [CommandOption("--api-key-env <VAR>")]
        [Description("The environment variable holding --endpoint's API key (never the key itself).")]
        public string? ApiKeyEnv { get; init; }

        /// <summary>Whether any flag asks for providers instead of the embedded model.</summary>
        public bool UsesProviders => Providers is not null || Provider is not null || Endpoint is not null;

        public override ValidationResult Validate() =>
            Inputs.FirstOrDefault(i => !i.Contains('=', StringComparison.Ordinal)) is { } bad
                ? ValidationResult.Error($"--input takes name=value, not '{bad}'")
                : Concurrency < 1
                    ? ValidationResult.Error($"--concurrency must be at least 1, not {Concurrency}")
                    : ProviderFlagsError() is { } error
                        ? ValidationResult.Error(error)
                        : ValidationResult.Success();

        private string? ProviderFlagsError() =>
            Endpoint is not null && (Provider is not null || Providers is not null) ? "--endpoint stands alone; use it without --provider and --providers"
            : Endpoint is not null && Model is null ? "--endpoint needs --model ID"
            : Endpoint is not null && !(Uri.TryCreate(Endpoint, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") ? $"--endpoint takes an http:// or https:// URL, not '{Endpoint}'"
            : ApiKeyEnv is not null && Endpoint is null ? "--api-key-env goes with --endpoint; a providers file names its own variables"
            : ApiKeyEnv is not null && !ApiKeyEnv.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "--api-key-env takes the name of an environment variable, never the key itself (its value is not shown)"
            : Model is not null && Endpoint is null && Provider is null ? "--model goes with --endpoint or --provider"
            : UsesProviders && ModelFile is not null ? "--model-file is for the embedded model; drop it, or the provider flags"
            : UsesProviders && Concurrency is not null ? "--concurrency is for the embedded model; set max_concurrency per provider in the providers file"
            : Provider is not null && Providers is null && !File.Exists(ProvidersFile.DefaultFileName) ? $"--provider needs a providers file: give --providers FILE, or put {ProvidersFile.DefaultFileName} in the working directory"
            : null;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var definition = PatternFile.Load(PatternLibrary.Default.Resolve(settings.Pattern));
        using var providers = settings.UsesProviders ? ProviderRouter.Create(ProvidersOf(settings)) : null;
        using var model = providers is null ? GgufModel.Load(DefaultModelFile.Resolve(settings.ModelFile)) : null;
        var router = providers?.Router ?? ModelRouter.For(model!.AsChatClient(), maxConcurrency: settings.Concurrency);
        var tools = new PatternCompilerOptions { Plugins = PatternLibrary.Default.Tools(), Catalog = ModelCatalog.LoadDefault() };
        var compiled = new PatternCompiler(router, tools).Compile(definition);
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

    private static ProvidersFile ProvidersOf(Settings settings)
    {
        if (settings.Endpoint is not null)
        {
            return ProvidersFile.ForEndpoint(new Uri(settings.Endpoint), settings.Model!, settings.ApiKeyEnv);
        }

        var file = ProvidersFile.Load(settings.Providers ?? ProvidersFile.DefaultFileName);
        return settings.Provider is null ? file : file.WithDefault(settings.Provider, settings.Model);
    }
}
