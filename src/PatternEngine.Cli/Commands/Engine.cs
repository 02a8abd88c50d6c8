using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Selection;
using PatternEngine.Library;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Local;
using PatternEngine.Models.Providers;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Routing;

namespace PatternEngine.Cli.Commands;

/// <summary>
/// The models, cassette and compiler a command runs patterns with, as its <see cref="EngineSettings"/> ask:
/// the embedded model, or OpenAI-compatible providers.
/// </summary>
internal sealed class Engine : IDisposable
{
    private readonly IDisposable _models;
    private readonly Cassette? _cassette;
    private readonly string? _everyStageModel;
    private readonly bool _embedded;

    private Engine(IDisposable models, Cassette? cassette, PatternCompiler compiler, string? modelVersion, bool embedded, string? everyStageModel, TimeSpan loadTime)
    {
        _models = models;
        LoadTime = loadTime;
        _cassette = cassette;
        Compiler = compiler;
        ModelVersion = modelVersion;
        _everyStageModel = everyStageModel;
        _embedded = embedded;
    }

    public PatternCompiler Compiler { get; }

    /// <summary>How long loading the model took (the embedded model's weights, or setting up the providers' clients).</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>
    /// Pays a lone run's one-time start-up before it: the embedded model's first decode (counted with its load), and a
    /// warm-up of <paramref name="pattern"/> on a stand-in (<see cref="CompiledPattern.WarmUpAsync"/>).
    /// </summary>
    public async Task<RunStartup> WarmUpAsync(CompiledPattern pattern, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        if (_models is GgufModel model)
        {
            await model.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        }

        var modelWarmUp = TimeProvider.System.GetElapsedTime(started);
        var patternWarmUp = await pattern.WarmUpAsync(inputs, cancellationToken).ConfigureAwait(false);
        return new RunStartup((LoadTime + modelWarmUp).TotalMilliseconds, patternWarmUp.TotalMilliseconds);
    }

    public ModelCatalog Catalog => Compiler.Options.Catalog;

    /// <summary>
    /// The definition as this engine runs it: every stage on the local catalog entry <c>--model</c> names (for the
    /// embedded model), else each stage on the model <paramref name="plan"/> routes it to, else as written.
    /// </summary>
    public PatternDefinition Route(PatternDefinition definition, RoutingPlan? plan = null) =>
        _everyStageModel is { } model ? StageModels.WithModel(definition, model)
        : plan is not null ? StageModels.WithModels(definition, Served(plan))
        : definition;

    /// <summary>The plan's models, each checked to be one the embedded model serves when it is the one answering.</summary>
    private IReadOnlyDictionary<string, string> Served(RoutingPlan plan)
    {
        if (_embedded && plan.Stages.FirstOrDefault(s => s.Model is { } m && !Catalog.Models.Any(c => CatalogRoutes.IsLocal(c) && c.Id == m)) is { } stage)
        {
            throw new SelectionInputException(
                $"the plan runs stage '{stage.Stage}' on {stage.Model}, which the embedded model does not serve; run with --provider or --providers naming it");
        }

        return plan.ModelsByStage;
    }

    /// <summary>What pins the default model: a GGUF file's hash, or the catalog's pinned version of a provider's model.</summary>
    public string? ModelVersion { get; }

    /// <summary>The engine <paramref name="settings"/> ask for; <paramref name="planModels"/> are the models routing plans put stages on.</summary>
    public static Engine Create(EngineSettings settings, CliTelemetry telemetry, IReadOnlyCollection<string>? planModels = null)
    {
        planModels ??= [];
        var catalog = UserCatalog.Load(settings.Catalog);
        var cassette = settings.CassetteFile is var (file, mode)
            ? mode == CassetteMode.Replay ? Cassette.Load(file) : Cassette.OpenOrCreate(file)
            : null;
        IDisposable? models = null;
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            ModelRouter router;
            string? version;
            var everyStageModel = settings.UsesProviders ? null : LocalEntry(catalog, settings.Model)?.Id;
            if (settings.UsesProviders)
            {
                var providers = ProviderRouter.Create(ProvidersOf(settings, planModels));
                models = providers;
                router = providers.Router;
                version = router.Resolve(ModelRouter.DefaultRoute).ModelId is { } id ? catalog.Find(id)?.Version : null;
            }
            else
            {
                // Replay calls no model, but the model's id is part of every request it looks up, so the model is loaded.
                var path = DefaultModelFile.Resolve(settings.ModelFile);
                var model = GgufModel.Load(path, new GgufModelOptions { LoggerFactory = telemetry.ModelLoggerFactory });
                models = model;
                router = CatalogRoutes.ForEmbedded(model.AsChatClient(), catalog, settings.Concurrency);
                version = "sha256:" + Bench.BenchEntry.HashFile(path)[..12];
            }

            var options = new PatternCompilerOptions
            {
                Plugins = PatternLibrary.Default.Tools(),
                Catalog = catalog,
                Streaming = settings.Stream,
                Cassette = cassette,
                CassetteMode = settings.CassetteFile?.Mode ?? CassetteMode.Cache,
                LoggerFactory = telemetry.LoggerFactory,
                CaptureMessageContent = telemetry.CaptureMessageContent,
            };
            var loadTime = TimeProvider.System.GetElapsedTime(started);
            return new Engine(models, cassette, new PatternCompiler(router, options), version, !settings.UsesProviders, everyStageModel, loadTime);
        }
        catch
        {
            models?.Dispose();
            cassette?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _models.Dispose();
        _cassette?.Dispose();
    }

    /// <summary>The local catalog entry <c>--model</c> names for the embedded model; null when it names none.</summary>
    private static CatalogModel? LocalEntry(ModelCatalog catalog, string? id)
    {
        if (id is null)
        {
            return null;
        }

        return catalog.Models.FirstOrDefault(m => CatalogRoutes.IsLocal(m) && string.Equals(m.Id, id, StringComparison.Ordinal))
            ?? throw new SelectionInputException(
                $"--model '{id}' is not a local entry of the model catalog; without --endpoint or --provider it names a configuration of the embedded model: "
                + string.Join(", ", catalog.Models.Where(CatalogRoutes.IsLocal).Select(m => m.Id)));
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
