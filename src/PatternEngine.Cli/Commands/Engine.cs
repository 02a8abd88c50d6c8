using PatternEngine.Cli.Defaults;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Local;
using PatternEngine.Models.Providers;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Routing;
using PatternEngine.Selection;

namespace PatternEngine.Cli.Commands;

/// <summary>
/// The engine a command runs patterns with, as its flags (<see cref="EngineSettings"/>) ask: they are read into a
/// <see cref="PatternEngineBuilder"/> (the embedded model, or OpenAI-compatible providers; the catalog, cassette,
/// streaming and tools), which assembles everything. Besides the built engine this keeps what the flags say of the
/// run: the model every stage runs on (<c>--model</c>), what pins the default model, how long loading it took.
/// </summary>
internal sealed class Engine : IDisposable
{
    private readonly Cassette? _cassette;
    private readonly string? _everyStageModel;
    private readonly bool _embedded;

    private Engine(PatternRuntime runtime, Cassette? cassette, string? modelVersion, bool embedded, string? everyStageModel, TimeSpan loadTime)
    {
        Runtime = runtime;
        _cassette = cassette;
        ModelVersion = modelVersion;
        _embedded = embedded;
        _everyStageModel = everyStageModel;
        LoadTime = loadTime;
    }

    /// <summary>The built engine: its pipeline, routes and catalog.</summary>
    public PatternRuntime Runtime { get; }

    public ModelCatalog Catalog => Runtime.Catalog;

    /// <summary>How long loading the model took (the embedded model's weights, or setting up the providers' clients).</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>What pins the default model: a GGUF file's hash, or the catalog's pinned version of a provider's model.</summary>
    public string? ModelVersion { get; }

    /// <summary>
    /// Pays a lone run's one-time start-up before it: the embedded model's first decode (counted with its load), and a
    /// warm-up of <paramref name="pattern"/> on a stand-in (<see cref="CompiledPattern.WarmUpAsync"/>).
    /// </summary>
    public async Task<RunStartup> WarmUpAsync(CompiledPattern pattern, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        if (Runtime.Router.GetService(typeof(GgufModel)) is GgufModel model)
        {
            await model.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        }

        var modelWarmUp = TimeProvider.System.GetElapsedTime(started);
        var patternWarmUp = await pattern.WarmUpAsync(inputs, cancellationToken).ConfigureAwait(false);
        return new RunStartup((LoadTime + modelWarmUp).TotalMilliseconds, patternWarmUp.TotalMilliseconds);
    }

    /// <summary>
    /// The definition as this engine runs it: every stage on the local catalog entry <c>--model</c> names (for the
    /// embedded model), else each stage on the model <paramref name="plan"/> routes it to, else as written.
    /// </summary>
    public PatternDefinition Route(PatternDefinition definition, RoutingPlan? plan = null) =>
        _everyStageModel is { } model ? StageModels.WithModel(definition, model)
        : plan is not null ? StageModels.WithModels(definition, Served(plan))
        : definition;

    /// <summary>
    /// The engine <paramref name="settings"/> ask for; <paramref name="planModels"/> are the models routing plans put
    /// stages on; with <paramref name="batch"/>, the providers' calls go through their Batch API.
    /// </summary>
    public static Engine Create(EngineSettings settings, CliTelemetry telemetry, IReadOnlyCollection<string>? planModels = null, Models.OpenAI.OpenAIBatchOptions? batch = null)
    {
        var catalog = UserCatalog.Load(settings.Catalog);
        var everyStageModel = settings.UsesProviders ? null : LocalEntry(catalog, settings.Model)?.Id;
        var builder = new PatternEngineBuilder()
            .WithCatalog(catalog)
            .WithPatternLibrary(BuiltInLibrary.Instance)
            .AddPlugins(BuiltInLibrary.Instance.Tools())
            .UseStreaming(settings.Stream)
            .WithLoggerFactory(telemetry.LoggerFactory)
            .CaptureMessageContent(telemetry.CaptureMessageContent);

        // Opened before the models load, so that a bad cassette is refused at once and its reading is no model time.
        var cassette = settings.CassetteFile is var (file, mode)
            ? mode == CassetteMode.Replay ? Cassette.Load(file) : Cassette.OpenOrCreate(file)
            : null;
        string? modelFile = null;
        try
        {
            if (cassette is not null)
            {
                builder.UseCassette(cassette, settings.CassetteFile!.Value.Mode);
            }

            if (settings.UsesProviders)
            {
                var providers = ProvidersOf(settings, planModels ?? []);
                _ = batch is null ? builder.AddProviders(providers) : builder.AddBatchProviders(providers, batch);
            }
            else
            {
                // Replay calls no model, but the model's id is part of every request it looks up, so the model is loaded.
                modelFile = DefaultModelFile.Resolve(settings.ModelFile);
                builder.AddEmbeddedModel(modelFile, new GgufModelOptions { LoggerFactory = telemetry.ModelLoggerFactory }, settings.Concurrency);
            }

            var started = TimeProvider.System.GetTimestamp();
            var runtime = builder.Build();
            var loadTime = TimeProvider.System.GetElapsedTime(started);
            var version = modelFile is not null
                ? "sha256:" + Bench.BenchEntry.HashFile(modelFile)[..12]
                : runtime.Router.Resolve(ModelRouter.DefaultRoute).ModelId is { } id ? catalog.Find(id)?.Version : null;
            return new Engine(runtime, cassette, version, !settings.UsesProviders, everyStageModel, loadTime);
        }
        catch
        {
            cassette?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Fails the command (exit 1) when the run log or the cassette could not be written: the figures are shown, but
    /// lines the user asked for are missing.
    /// </summary>
    /// <exception cref="UnwrittenOutputException">A line of the log or of the cassette could not be written.</exception>
    public void ThrowIfUnwritten(Execution.Logging.JsonLinesRunLog? log)
    {
        var problem = log?.WriteError is { } logError ? $"could not write the log {log.Path}: {logError.Message}"
            : _cassette?.WriteError is { } cassetteError ? $"could not write the cassette {_cassette.Path}: {cassetteError.Message}"
            : null;
        if (problem is not null)
        {
            throw new UnwrittenOutputException(problem);
        }
    }

    public void Dispose()
    {
        Runtime.Dispose();
        _cassette?.Dispose();
    }

    /// <summary>The plan's models, each checked to be one the embedded model serves when it is the one answering.</summary>
    private IReadOnlyDictionary<string, string> Served(RoutingPlan plan)
    {
        if (_embedded && plan.Stages.FirstOrDefault(s => s.Model is { } m && !Catalog.Models.Any(c => c.IsLocal && c.Id == m)) is { } stage)
        {
            throw new SelectionInputException(
                $"the plan runs stage '{stage.Stage}' on {stage.Model}, which the embedded model does not serve; run with --provider or --providers naming it");
        }

        return plan.ModelsByStage;
    }

    /// <summary>The local catalog entry <c>--model</c> names for the embedded model; null when it names none.</summary>
    private static CatalogModel? LocalEntry(ModelCatalog catalog, string? id)
    {
        if (id is null)
        {
            return null;
        }

        return catalog.Models.FirstOrDefault(m => m.IsLocal && string.Equals(m.Id, id, StringComparison.Ordinal))
            ?? throw new SelectionInputException(
                $"--model '{id}' is not a local entry of the model catalog; without --endpoint or --provider it names a configuration of the embedded model: "
                + string.Join(", ", catalog.Models.Where(m => m.IsLocal).Select(m => m.Id)));
    }

    // A plan's models each get a route, so that a stage reaches the model the plan chose even when no route names it.
    private static ProvidersFile ProvidersOf(EngineSettings settings, IReadOnlyCollection<string> planModels)
    {
        ProvidersFile file;
        if (settings.Endpoint is not null)
        {
            var model = settings.Model ?? planModels.FirstOrDefault()
                ?? throw new SelectionInputException("--endpoint needs --model ID: the plans route no stage to a model");
            file = ProvidersFile.ForEndpoint(new Uri(settings.Endpoint), model, settings.ApiKeyEnv);
        }
        else
        {
            file = ProvidersFile.Load(settings.Providers ?? ProvidersFile.DefaultFileName);
            file = settings.Provider is null ? file : file.WithDefault(settings.Provider, settings.Model);
        }

        return planModels.Count == 0 ? file : file.WithRoutesFor(planModels);
    }
}
