using BenchmarkDotNet.Attributes;
using PatternEngine.Benchmarks.Support;
using PatternEngine.Compilation;
using PatternEngine.Definitions;

namespace PatternEngine.Benchmarks;

/// <summary>
/// Compiling a parsed pattern (<see cref="PatternRuntime.Compile"/> on a <see cref="PatternDefinition"/> loaded
/// beforehand, one compiler for every compile), and, for context, parsing its text (<see cref="PatternFile.Parse"/>:
/// YAML, the file-format schema, semantic checks, and loading the patterns it includes). Contract: a compile takes
/// less than 1 ms; a composed pattern's compile includes compiling the patterns it includes.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private PatternRuntime? _compiler;
    private PatternDefinition? _definition;
    private string _text = "";

    public static IEnumerable<string> PatternNames => CriticalPathBenchmarks.PatternNames;

    [ParamsSource(nameof(PatternNames))]
    public string Pattern { get; set; } = "baseline";

    [GlobalSetup]
    public void Setup()
    {
        var path = Repository.PatternPath(Pattern);
        _text = File.ReadAllText(path);
        _definition = PatternFile.Parse(_text, path, Repository.Library);
        _compiler = new PatternEngineBuilder().UseChatClient(FixedLatencyChatClient.Instant("Answer: 42")).WithPatternLibrary(Repository.Library.Library!).Build();
    }

    [Benchmark]
    public CompiledPattern Compile() => _compiler!.Compile(_definition!);

    [Benchmark]
    public PatternDefinition Parse() => PatternFile.Parse(_text, Repository.PatternPath(Pattern), Repository.Library);
}
