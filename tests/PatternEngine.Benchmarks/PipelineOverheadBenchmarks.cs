using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.AI;
using PatternEngine.Benchmarks.Support;
using PatternEngine.Compilation;
using PatternEngine.Execution;

namespace PatternEngine.Benchmarks;

/// <summary>
/// What the compiled pipeline costs beyond the model: a compiled built-in pattern against hand-written Semantic
/// Kernel code making the same calls (<see cref="HandWritten"/>). baseline: one call; self-consistency: five
/// concurrent calls and a vote. The scripted model answers at once (<see cref="CallMs"/> 0: the engine's fixed cost,
/// as large a share as it can ever be) or after a real <see cref="Task.Delay(int)"/> of 1 or 10 ms (the share of a
/// realistic call). Contract: the compiled run adds at most 10% (Ratio ≤ 1.10 within each category and
/// <see cref="CallMs"/>, the hand-written code being the baseline); "Engine adds" is the same difference in µs.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[Config(typeof(PipelineOverheadConfig))]
public class PipelineOverheadBenchmarks
{
    private const string Question = "What is six times seven?";

    private HandWritten? _handWritten;
    private CompiledPattern? _baseline;
    private CompiledPattern? _selfConsistency;

    /// <summary>The scripted model's time per call, in milliseconds.</summary>
    [Params(0, 1, 10)]
    public int CallMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var model = new FixedLatencyChatClient(TimeSpan.FromMilliseconds(CallMs), _ => "Six sevens make 42.\nAnswer: 42");
        _handWritten = new HandWritten(model);
        var compiler = new PatternEngineBuilder().UseChatClient(model).Build();
        _baseline = compiler.Compile(Repository.Load("baseline"));
        _selfConsistency = compiler.Compile(Repository.Load("self-consistency"));


        // The comparison is fair only if both send the model exactly the same calls.
        SameCalls.Check(model, m => new HandWritten(m).BaselineAsync(Question), m => Compile(m, "baseline").RunAsync(Repository.Inputs));
        SameCalls.Check(model, m => new HandWritten(m).SelfConsistencyAsync(Question), m => Compile(m, "self-consistency").RunAsync(Repository.Inputs));
        RunCheck.Expect(_baseline.RunAsync(Repository.Inputs).GetAwaiter().GetResult(), 1);
        RunCheck.Expect(_selfConsistency.RunAsync(Repository.Inputs).GetAwaiter().GetResult(), 5);
        if (_handWritten.SelfConsistencyAsync(Question).GetAwaiter().GetResult() != "42")
        {
            throw new InvalidOperationException("the hand-written self-consistency did not elect 42");
        }
    }

    private static CompiledPattern Compile(IChatClient model, string pattern) =>
        new PatternEngineBuilder().UseChatClient(model).Build().Compile(Repository.Load(pattern));

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

/// <summary>Adds "Engine adds": the compiled run's mean minus the hand-written mean of its category and model time, in µs.</summary>
public sealed class PipelineOverheadConfig : ManualConfig
{
    public PipelineOverheadConfig() =>
        AddColumn(new ComputedColumn("Engine adds", "Mean of the compiled run minus mean of the hand-written code (same category and CallMs), in µs", EngineAdds));

    private static string EngineAdds(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.Baseline)
        {
            return "-";
        }

        var handWritten = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Baseline
            && c.Descriptor.Categories.SequenceEqual(benchmarkCase.Descriptor.Categories)
            && c.Parameters.ValueInfo == benchmarkCase.Parameters.ValueInfo);
        return handWritten is not null && ComputedColumn.MeanMs(summary, benchmarkCase) is { } engine && ComputedColumn.MeanMs(summary, handWritten) is { } hand
            ? string.Create(CultureInfo.InvariantCulture, $"{(engine - hand) * 1000:F1} µs")
            : "?";
    }
}
