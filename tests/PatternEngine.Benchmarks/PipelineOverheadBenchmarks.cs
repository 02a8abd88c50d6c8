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

/// <summary>
/// Adds "Engine adds": the compiled run's mean minus the hand-written mean of its category and model time, in µs; and
/// the restated contract per call (the self-consistency rows make 5): at most 10 µs and 8 KB more than hand-written.
/// </summary>
public sealed class PipelineOverheadConfig : ManualConfig
{
    /// <summary>The restated contract: what the engine may add to each call over hand-written Semantic Kernel code.</summary>
    public const double MaxMicrosecondsPerCall = 10;

    public const double MaxKilobytesPerCall = 8;

    public PipelineOverheadConfig()
    {
        AddColumn(new ComputedColumn("Engine adds", "Mean of the compiled run minus mean of the hand-written code (same category and CallMs), in µs", EngineAdds));
        AddColumn(new ComputedColumn("Per call", "Engine adds, time and allocation, divided by the run's calls (1 or 5)", PerCall));
        AddColumn(new ComputedColumn("≤ 10 µs, 8 KB", "Whether the engine adds at most 10 µs and 8 KB a call (the contract is for the instant model, CallMs 0)", WithinContract));
    }

    private static string EngineAdds(Summary summary, BenchmarkCase benchmarkCase) =>
        Added(summary, benchmarkCase) is { } added ? string.Create(CultureInfo.InvariantCulture, $"{added.Microseconds:F1} µs") : benchmarkCase.Descriptor.Baseline ? "-" : "?";

    private static string PerCall(Summary summary, BenchmarkCase benchmarkCase) =>
        Added(summary, benchmarkCase) is { } added
            ? string.Create(CultureInfo.InvariantCulture, $"{added.Microseconds / Calls(benchmarkCase):F1} µs, {added.Kilobytes / Calls(benchmarkCase):F1} KB")
            : "-";

    private static string WithinContract(Summary summary, BenchmarkCase benchmarkCase) =>
        Added(summary, benchmarkCase) is { } added && Equals(benchmarkCase.Parameters["CallMs"], 0)
            ? added.Microseconds / Calls(benchmarkCase) <= MaxMicrosecondsPerCall && added.Kilobytes / Calls(benchmarkCase) <= MaxKilobytesPerCall ? "yes" : "no"
            : "-";

    private static int Calls(BenchmarkCase benchmarkCase) => benchmarkCase.Descriptor.Categories.Contains("self-consistency") ? 5 : 1;

    private static (double Microseconds, double Kilobytes)? Added(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.Baseline)
        {
            return null;
        }

        var handWritten = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Baseline
            && c.Descriptor.Categories.SequenceEqual(benchmarkCase.Descriptor.Categories)
            && c.Parameters.ValueInfo == benchmarkCase.Parameters.ValueInfo);
        if (handWritten is null || ComputedColumn.MeanMs(summary, benchmarkCase) is not { } engine || ComputedColumn.MeanMs(summary, handWritten) is not { } hand)
        {
            return null;
        }

        var bytes = summary[benchmarkCase]!.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) - summary[handWritten]!.GcStats.GetBytesAllocatedPerOperation(handWritten);
        return ((engine - hand) * 1000, (bytes ?? 0) / 1024.0);
    }
}
