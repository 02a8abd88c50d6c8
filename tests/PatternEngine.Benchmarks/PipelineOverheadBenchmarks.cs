using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PatternEngine.Benchmarks.Support;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Benchmarks;

/// <summary>
/// What the compiled pipeline costs beyond the model, on a model that answers at once: a compiled built-in pattern
/// against hand-written Semantic Kernel code making the same calls (<see cref="HandWritten"/>). baseline: one call;
/// self-consistency: five concurrent calls and a vote. Contract: the compiled run adds at most 10% (Ratio ≤ 1.10
/// within each category, the hand-written code being the baseline).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PipelineOverheadBenchmarks
{
    private const string Question = "What is six times seven?";

    private HandWritten? _handWritten;
    private CompiledPattern? _baseline;
    private CompiledPattern? _selfConsistency;

    [GlobalSetup]
    public void Setup()
    {
        var model = FixedLatencyChatClient.Instant("Six sevens make 42.\nAnswer: 42");
        _handWritten = new HandWritten(model);
        var compiler = new PatternCompiler(model);
        _baseline = compiler.Compile(PatternFile.Load(Repository.PatternPath("baseline")));
        _selfConsistency = compiler.Compile(PatternFile.Load(Repository.PatternPath("self-consistency")));

        RunCheck.Expect(_baseline.RunAsync(Repository.Inputs).GetAwaiter().GetResult(), 1);
        RunCheck.Expect(_selfConsistency.RunAsync(Repository.Inputs).GetAwaiter().GetResult(), 5);
        if (_handWritten.SelfConsistencyAsync(Question).GetAwaiter().GetResult() != "42")
        {
            throw new InvalidOperationException("the hand-written self-consistency did not elect 42");
        }
    }

    [Benchmark(Baseline = true, Description = "hand-written SK")]
    [BenchmarkCategory("baseline")]
    public Task<string> HandWrittenBaseline() => _handWritten!.BaselineAsync(Question);

    [Benchmark(Description = "compiled pattern")]
    [BenchmarkCategory("baseline")]
    public Task<RunRecord> CompiledBaseline() => _baseline!.RunAsync(Repository.Inputs);

    [Benchmark(Baseline = true, Description = "hand-written SK")]
    [BenchmarkCategory("self-consistency")]
    public Task<string?> HandWrittenSelfConsistency() => _handWritten!.SelfConsistencyAsync(Question);

    [Benchmark(Description = "compiled pattern")]
    [BenchmarkCategory("self-consistency")]
    public Task<RunRecord> CompiledSelfConsistency() => _selfConsistency!.RunAsync(Repository.Inputs);
}
