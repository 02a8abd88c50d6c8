using PatternEngine.Compilation;
using PatternEngine.Library;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Local;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Routing;

namespace PatternEngine.Cli.Commands;

/// <summary>The model, cassette and compiler a command runs patterns with, as its <see cref="EngineSettings"/> ask.</summary>
internal sealed class Engine : IDisposable
{
    private readonly GgufModel _model;
    private readonly Cassette? _cassette;

    private Engine(GgufModel model, Cassette? cassette, PatternCompiler compiler, string modelVersion)
    {
        _model = model;
        _cassette = cassette;
        Compiler = compiler;
        ModelVersion = modelVersion;
    }

    public PatternCompiler Compiler { get; }

    /// <summary>What pins the model: its file's hash, so history tells two files of one name apart.</summary>
    public string ModelVersion { get; }

    public static Engine Create(EngineSettings settings)
    {
        var cassette = settings.CassetteFile is var (file, mode)
            ? mode == CassetteMode.Replay ? Cassette.Load(file) : Cassette.OpenOrCreate(file)
            : null;
        try
        {
            // Replay calls no model, but the model's id is part of every request it looks up, so the model is loaded.
            var path = DefaultModelFile.Resolve(settings.ModelFile);
            var model = GgufModel.Load(path);
            var options = new PatternCompilerOptions
            {
                Plugins = PatternLibrary.Default.Tools(),
                Catalog = ModelCatalog.LoadDefault(),
                Streaming = settings.Stream,
                Cassette = cassette,
                CassetteMode = settings.CassetteFile?.Mode ?? CassetteMode.Cache,
            };
            var compiler = new PatternCompiler(ModelRouter.For(model.AsChatClient(), maxConcurrency: settings.Concurrency), options);
            return new Engine(model, cassette, compiler, "sha256:" + Bench.BenchEntry.HashFile(path)[..12]);
        }
        catch
        {
            cassette?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _model.Dispose();
        _cassette?.Dispose();
    }
}
