using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.AI;
using PatternEngine.Benchmarks.Support;
using PatternEngine.Compilation;
using PatternEngine.Execution;

namespace PatternEngine.Benchmarks;

/// <summary>
/// Wall time of every built-in pattern on a scripted model that takes <see cref="CallMs"/> ms per call, against the
/// pattern's critical path: the longest chain of calls that wait for one another, times the call's latency.
/// Contract: wall time at most 1.10 × the critical path, i.e. concurrent calls really run concurrently and the
/// engine adds little to the model's time.
/// </summary>
/// <remarks>
/// <para>
/// Critical paths, in calls (the scripted answers make every pattern run all of it; see <see cref="PatternScript"/>):
/// <list type="table">
/// <item><term>baseline</term><description>1 (one call)</description></item>
/// <item><term>chain-of-thought</term><description>1 (one call)</description></item>
/// <item><term>self-consistency</term><description>1 (5 concurrent samples; the vote makes no call)</description></item>
/// <item><term>skeleton-fill-in</term><description>2 (the outline, then its 3 points concurrently; the join makes no call)</description></item>
/// <item><term>self-critique</term><description>5 (draft, then 2 rounds of critique and revision: the critique never accepts)</description></item>
/// <item><term>structured-output</term><description>1 (one call)</description></item>
/// <item><term>tournament-ranking</term><description>3 (4 concurrent candidates, then a knockout of 2 rounds: 2 concurrent matches, then the final)</description></item>
/// <item><term>role-playing</term><description>1 (one call)</description></item>
/// <item><term>consistent-chain-of-thought</term><description>1 (5 concurrent runs of chain-of-thought, one call each; the vote makes no call)</description></item>
/// <item><term>skeleton-critique</term><description>6 (the outline, then its 3 points' self-critique runs concurrently, 5 calls each)</description></item>
/// </list>
/// </para>
/// <para>
/// "model only" makes the same calls in the same waves straight to the scripted model, without the engine: the floor
/// this machine's timers and scheduler allow (Task.Delay is never early and often a millisecond or more late). The
/// columns "Critical path", "Wall / path" and "≤ 1.10" give the target and whether the engine's run met it.
/// </para>
/// </remarks>
[Config(typeof(CriticalPathConfig))]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: GlobalCleanup disposes the model.")]
public class CriticalPathBenchmarks
{
    /// <summary>The scripted model's time per call.</summary>
    public const int CallMs = 50;

    /// <summary>The contract: wall time over critical path.</summary>
    public const double Target = 1.10;

    private static readonly ChatMessage[] Question = [new(ChatRole.User, "What is six times seven?")];

    private FixedLatencyChatClient? _model;
    private CompiledPattern? _compiled;

    /// <summary>Per built-in pattern, its calls in waves: the calls of a wave run concurrently, each wave waits for the one before.</summary>
    public static FrozenDictionary<string, int[]> Waves { get; } = new Dictionary<string, int[]>(StringComparer.Ordinal)
    {
        ["baseline"] = [1],
        ["chain-of-thought"] = [1],
        ["self-consistency"] = [5],
        ["skeleton-fill-in"] = [1, 3],
        ["self-critique"] = [1, 1, 1, 1, 1],
        ["structured-output"] = [1],
        ["tournament-ranking"] = [4, 2, 1],
        ["role-playing"] = [1],
        ["consistent-chain-of-thought"] = [5],
        ["skeleton-critique"] = [1, 3, 3, 3, 3, 3],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> PatternNames => Waves.Keys.Order(StringComparer.Ordinal);

    [ParamsSource(nameof(PatternNames))]
    public string Pattern { get; set; } = "baseline";

    /// <summary>The critical path of a pattern in milliseconds.</summary>
    public static double CriticalPathMs(string pattern) => Waves[pattern].Length * CallMs;

    [GlobalSetup]
    public void Setup()
    {
        _model = new FixedLatencyChatClient(TimeSpan.FromMilliseconds(CallMs), PatternScript.Answer);
        _compiled = new PatternEngineBuilder().UseChatClient(_model).Build().Compile(Repository.Load(Pattern));

        // One run before measuring, to check that the script drives the whole critical path.
        var record = _compiled.RunAsync(Repository.Inputs).GetAwaiter().GetResult();
        RunCheck.Expect(record, Waves[Pattern].Sum());
    }

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();

    [Benchmark(Description = "pattern run")]
    public Task<RunRecord> Run() => _compiled!.RunAsync(Repository.Inputs);

    [Benchmark(Description = "model only")]
    public async Task ModelOnly()
    {
        foreach (var width in Waves[Pattern])
        {
            var calls = new Task<ChatResponse>[width];
            for (var i = 0; i < width; i++)
            {
                calls[i] = _model!.GetResponseAsync(Question);
            }

            await Task.WhenAll(calls);
        }
    }
}

/// <summary>
/// Monitoring (each iteration is one run, measured as it is: no pilot, no overhead subtraction), which suits
/// operations of 50 to 300 ms: 100 warm-up runs, then 30 measured. The warm-up is long on purpose: the contract is
/// about a warm process, and with 30 warm-up runs tiered compilation has not yet optimized the engine's per-call
/// code, which then adds 2 to 3 ms to a 50 ms run (none with DOTNET_TieredCompilation=0). Applied on top of any job given on the command
/// line, so <c>--job short</c> does not shorten it. Plus the critical-path columns.
/// </summary>
public sealed class CriticalPathConfig : ManualConfig
{
    public CriticalPathConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(100)
            .WithIterationCount(30)
            .AsMutator());
        AddColumn(
            new ComputedColumn("Critical path", "Calls on the critical path × the model's time per call", (_, c) =>
            {
                var pattern = PatternOf(c);
                return string.Create(CultureInfo.InvariantCulture, $"{CriticalPathBenchmarks.Waves[pattern].Length} × {CriticalPathBenchmarks.CallMs} = {CriticalPathBenchmarks.CriticalPathMs(pattern)} ms");
            }),
            new ComputedColumn("Wall / path", "Mean wall time over the critical path", (s, c) =>
                Ratio(s, c) is { } ratio ? ratio.ToString("F3", CultureInfo.InvariantCulture) : "?"),
            new ComputedColumn("≤ 1.10", "Whether the pattern's run met the contract: wall time at most 1.10 × critical path (the model-only row is the floor)", (s, c) =>
                c.Descriptor.WorkloadMethod.Name != nameof(CriticalPathBenchmarks.Run) ? "(floor)"
                : Ratio(s, c) is { } ratio ? (ratio <= CriticalPathBenchmarks.Target ? "met" : "MISSED")
                : "?"));
    }

    private static string PatternOf(BenchmarkCase benchmarkCase) => (string)benchmarkCase.Parameters["Pattern"];

    private static double? Ratio(Summary summary, BenchmarkCase benchmarkCase) =>
        ComputedColumn.MeanMs(summary, benchmarkCase) / CriticalPathBenchmarks.CriticalPathMs(PatternOf(benchmarkCase));
}
