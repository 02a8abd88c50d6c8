using System.ComponentModel;
using PatternEngine.Models.Providers;
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
    [Description("A GGUF model file (default: $PATTERNS_MODEL_FILE, else stories260K.gguf in ~/.patterns/models, else ../shared/models beside the repository).")]
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
    [Description("The model id to ask --endpoint or --provider for; without them, a local catalog entry (a configuration of the embedded model) every stage runs on.")]
    public string? Model { get; init; }

    [CommandOption("--catalog <FILE>")]
    [Description("A model catalog over the built-in one: prices and versions of your own models (default: catalog.yaml in $PATTERNS_HOME or ~/.patterns, when there is one).")]
    public string? Catalog { get; init; }

    [CommandOption("--api-key-env <VAR>")]
    [Description("The environment variable holding --endpoint's API key (never the key itself).")]
    public string? ApiKeyEnv { get; init; }

    /// <summary>Whether stages are routed by routing plans, which name each stage's model: <c>--endpoint</c> then needs no <c>--model</c>.</summary>
    protected virtual bool RoutesByPlan => false;

    /// <summary>Whether any flag asks for providers instead of the embedded model.</summary>
    public bool UsesProviders => Providers is not null || Provider is not null || Endpoint is not null;

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
            : ProviderFlagsError() is { } error
                ? ValidationResult.Error(error)
                : ValidationResult.Success();

    private string? ProviderFlagsError() =>
        Endpoint is not null && (Provider is not null || Providers is not null) ? "--endpoint stands alone; use it without --provider and --providers"
        : Endpoint is not null && Model is null && !RoutesByPlan ? "--endpoint needs --model ID"
        : Endpoint is not null && !(Uri.TryCreate(Endpoint, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") ? $"--endpoint takes an http:// or https:// URL, not '{Endpoint}'"
        : ApiKeyEnv is not null && Endpoint is null ? "--api-key-env goes with --endpoint; a providers file names its own variables"
        : ApiKeyEnv is not null && !ApiKeyEnv.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "--api-key-env takes the name of an environment variable, never the key itself (its value is not shown)"
        : UsesProviders && ModelFile is not null ? "--model-file is for the embedded model; drop it, or the provider flags"
        : UsesProviders && Concurrency is not null ? "--concurrency is for the embedded model; set max_concurrency per provider in the providers file"
        : Provider is not null && Providers is null && !File.Exists(ProvidersFile.DefaultFileName) ? $"--provider needs a providers file: give --providers FILE, or put {ProvidersFile.DefaultFileName} in the working directory"
        : null;
}
