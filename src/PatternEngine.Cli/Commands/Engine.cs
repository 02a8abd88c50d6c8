using PatternEngine.Compilation;
using PatternEngine.Library;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Local;
using PatternEngine.Models.Routing;

namespace PatternEngine.Cli.Commands;

/// <summary>The model and compiler a command runs patterns with, as its <see cref="EngineSettings"/> ask.</summary>
internal sealed class Engine : IDisposable
{
    private readonly GgufModel _model;

    private Engine(GgufModel model, PatternCompiler compiler, string modelVersion)
    {
        _model = model;
        Compiler = compiler;
        ModelVersion = modelVersion;
    }

    public PatternCompiler Compiler { get; }

    /// <summary>What pins the model: its file's hash, so history tells two files of one name apart.</summary>
    public string ModelVersion { get; }

    public static Engine Create(EngineSettings settings)
    {
        var path = DefaultModelFile.Resolve(settings.ModelFile);
        var model = GgufModel.Load(path);
        var options = new PatternCompilerOptions { Plugins = PatternLibrary.Default.Tools(), Catalog = ModelCatalog.LoadDefault() };
        var compiler = new PatternCompiler(ModelRouter.For(model.AsChatClient(), maxConcurrency: settings.Concurrency), options);
        return new Engine(model, compiler, "sha256:" + Bench.BenchEntry.HashFile(path)[..12]);
    }

    public void Dispose() => _model.Dispose();
}
