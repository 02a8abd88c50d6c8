using PatternEngine.Compilation;
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

    private Engine(IDisposable models, Cassette? cassette, PatternCompiler compiler, string? modelVersion)
    {
        _models = models;
        _cassette = cassette;
        Compiler = compiler;
        ModelVersion = modelVersion;
    }

    public PatternCompiler Compiler { get; }

    /// <summary>What pins the default model: a GGUF file's hash, or the catalog's pinned version of a provider's model.</summary>
    public string? ModelVersion { get; }

    public static Engine Create(EngineSettings settings)
    {
        var catalog = ModelCatalog.LoadDefault();
        var cassette = settings.CassetteFile is var (file, mode)
            ? mode == CassetteMode.Replay ? Cassette.Load(file) : Cassette.OpenOrCreate(file)
            : null;
        IDisposable? models = null;
        try
        {
            ModelRouter router;
            string? version;
            if (settings.UsesProviders)
            {
                var providers = ProviderRouter.Create(ProvidersOf(settings));
                models = providers;
                router = providers.Router;
                version = router.Resolve(ModelRouter.DefaultRoute).ModelId is { } id ? catalog.Find(id)?.Version : null;
            }
            else
            {
                // Replay calls no model, but the model's id is part of every request it looks up, so the model is loaded.
                var path = DefaultModelFile.Resolve(settings.ModelFile);
                var model = GgufModel.Load(path);
                models = model;
                router = ModelRouter.For(model.AsChatClient(), maxConcurrency: settings.Concurrency);
                version = "sha256:" + Bench.BenchEntry.HashFile(path)[..12];
            }

            var options = new PatternCompilerOptions
            {
                Plugins = PatternLibrary.Default.Tools(),
                Catalog = catalog,
                Streaming = settings.Stream,
                Cassette = cassette,
                CassetteMode = settings.CassetteFile?.Mode ?? CassetteMode.Cache,
            };
            return new Engine(models, cassette, new PatternCompiler(router, options), version);
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

    private static ProvidersFile ProvidersOf(EngineSettings settings)
    {
        if (settings.Endpoint is not null)
        {
            return ProvidersFile.ForEndpoint(new Uri(settings.Endpoint), settings.Model!, settings.ApiKeyEnv);
        }

        var file = ProvidersFile.Load(settings.Providers ?? ProvidersFile.DefaultFileName);
        return settings.Provider is null ? file : file.WithDefault(settings.Provider, settings.Model);
    }
}
