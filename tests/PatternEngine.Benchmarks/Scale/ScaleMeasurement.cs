using System.Diagnostics;
using System.Globalization;
using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.History;
using PatternEngine.Benchmarks.Support;
using PatternEngine.Definitions;
using PatternEngine.Execution.Logging;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Benchmarks.Scale;

/// <summary>
/// How a bench scales with its size: baseline and chain-of-thought on the reference server (every call answered after
/// a fixed <see cref="CallLatency"/>, its log off so that the server's memory stays flat), <see cref="InFlight"/> runs
/// in flight, history and a <c>--log</c> file written as the command line writes them (each run streamed to both as it
/// finishes). Each size runs in a process of
/// its own (a process's peak working set never falls), and reports wall time against the ideal (calls × latency /
/// runs in flight) and against the floor the machine gives at the moment (the same calls through a plain HttpClient),
/// the CPU time a run costs (client, server, history and log together: what a quiet machine's wall time depends on),
/// the process's peak working set (<c>VmHWM</c>), the managed heap's peak while the bench ran (sampled), and the heap
/// still held once the bench returned (full collection, report alive): what a bench keeps per run.
/// Run: <c>dotnet run -c Release --project tests/PatternEngine.Benchmarks -- scale [runs ...]</c> (default 1000 10000).
/// </summary>
public static class ScaleMeasurement
{
    public static readonly TimeSpan CallLatency = TimeSpan.FromMilliseconds(100);

    public const int InFlight = 32;

    /// <summary>Distinct questions behind the cases: the reference server finds a request's question by scanning them.</summary>
    private const int Questions = 200;

    public static async Task RunAsync(IReadOnlyList<int> sizes, TextWriter output)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"baseline + chain-of-thought, {InFlight} runs in flight, every call {CallLatency.TotalMilliseconds} ms; each size in its own process"));
        await output.WriteLineAsync("| runs | wall | ideal | calls-only floor | wall / ideal | wall / floor | CPU per run | floor's CPU per call | peak working set | peak managed heap | heap held after | held per run | threads |");
        await output.WriteLineAsync("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var runs in sizes)
        {
            var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["scale-one", runs.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,

                // As the patterns tool runs (its project sets TieredPGO false): a bench is measured as users run one.
                Environment = { ["DOTNET_TieredPGO"] = "0" },
            })!;
            var line = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            await output.WriteLineAsync(line.Trim());
        }
    }

    /// <summary>One size, in this process: prints one table row.</summary>
    /// <param name="runs">Runs in the bench (half of them each pattern's).</param>
    /// <param name="output">Where the row goes.</param>
    /// <param name="log">Whether the bench writes a <c>--log</c> file (<c>scale-one N no-log</c> leaves it out, to tell its cost apart).</param>
    /// <param name="store">Whether the bench streams its runs into a history (<c>scale-one N no-history</c> leaves it out, to tell its memory apart).</param>
    public static async Task RunOneAsync(int runs, TextWriter output, bool log = true, bool store = true)
    {
        var cases = runs / 2;
        var folder = Directory.CreateTempSubdirectory("pe-scale-");
        try
        {
            var model = new ReferenceModel("scale-model") { TimeToFirstToken = CallLatency };
            var questions = ReferenceQuestion.Sums(Questions, seed: 17);
            await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [model], Questions = [.. questions], KeepLog = false });
            using var engine = ReferenceProviders.Engine(ReferenceProviders.File(server, model: model.Name, providerExtras: $"max_concurrency: {InFlight * 2}"));
            var baseline = Entry(engine, "baseline");
            var chain = Entry(engine, "chain-of-thought");

            var goldenPath = Path.Combine(folder.FullName, "golden.jsonl");
            await File.WriteAllLinesAsync(goldenPath, Enumerable.Range(0, cases).Select(i => (questions[i % Questions] with { Id = $"case{i}" }).GoldenLine()));
            var golden = GoldenFile.Load(goldenPath);

            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            using var peakHeap = new PeakHeap();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using var history = store ? BenchHistory.Open(Path.Combine(folder.FullName, "history.db")) : null;
            BenchReport report;
            await using (var runLog = log ? new JsonLinesRunLog(Path.Combine(folder.FullName, "runs.jsonl")) : null)
            {
                report = await BenchRunner.RunAsync(baseline, [chain], golden, new BenchOptions { Concurrency = InFlight, Log = runLog, History = history });
            }

            var wall = clock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var heapPeak = peakHeap.Stop() - heapBefore;
            var held = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
            GC.KeepAlive(report);
            var calls = report.Samples.Sum(s => s.Calls);
            var ideal = calls * CallLatency / InFlight;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            var threads = Process.GetCurrentProcess().Threads.Count;
            var cpuFloorBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var floor = await CallsOnlyAsync(server, model.Name, questions, calls);
            var cpuFloor = Process.GetCurrentProcess().TotalProcessorTime - cpuFloorBefore;
            var finished = Math.Max(1, report.Samples.Length);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {report.Samples.Length:N0} | {wall.TotalSeconds:F1} s | {ideal.TotalSeconds:F1} s | {floor.TotalSeconds:F1} s | {wall / ideal:F3} | {wall / floor:F3} | {cpu.TotalMilliseconds / finished:F2} ms | {cpuFloor.TotalMilliseconds / calls:F2} ms | {peak / 1e6:F0} MB | {heapPeak / 1e6:F1} MB | {held / 1e6:F1} MB | {held / finished:F0} B | {threads} |"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The floor this machine allows at the moment: the same number of calls to the same server, <see cref="InFlight"/>
    /// at once, through a plain <see cref="HttpClient"/> (no engine, no bench, no history): what wall time the ideal
    /// would be on a machine whose CPU the server and client do not share with anything.
    /// </summary>
    /// <summary>
    /// The memory floor: the same server and as many calls as a bench of <paramref name="runs"/> makes (one a run), sent
    /// through a plain HttpClient with no engine, so the growth of the process's peak working set that the runtime,
    /// Kestrel and the HTTP stack bring with more calls is seen apart from the bench's.
    /// </summary>
    public static async Task RunFloorAsync(int runs, TextWriter output)
    {
        var model = new ReferenceModel("scale-model") { TimeToFirstToken = CallLatency };
        var questions = ReferenceQuestion.Sums(Questions, seed: 17);
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [model], Questions = [.. questions], KeepLog = false });
        var wall = await CallsOnlyAsync(server, model.Name, questions, runs);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"| {runs:N0} calls, no engine | {wall.TotalSeconds:F1} s | peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB |"));
    }

    private static async Task<TimeSpan> CallsOnlyAsync(ReferenceServer server, string model, IReadOnlyList<ReferenceQuestion> questions, int calls)
    {
        using var http = new HttpClient();
        var url = new Uri(server.Endpoint + "/chat/completions");
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, token) =>
        {
            var body = new System.Text.Json.Nodes.JsonObject
            {
                ["model"] = model,
                ["max_tokens"] = 64,
                ["messages"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["role"] = "user", ["content"] = questions[i % Questions].Text }),
            };
            using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(url, content, token);
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsStringAsync(token);
        });
        return clock.Elapsed;
    }

    /// <summary>The largest managed heap seen (sampled every 20 ms, and at the end), in bytes.</summary>
    private sealed class PeakHeap : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakHeap() => _timer = new Timer(_ => Sample(), null, 0, 20);

        public long Stop()
        {
            _timer.Dispose();
            Sample();
            return Interlocked.Read(ref _peak);
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            long seen;
            while (heap > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, heap, seen) != seen)
            {
            }
        }
    }

    private static BenchEntry Entry(PatternRuntime engine, string name)
    {
        var path = Path.Combine(Repository.Root, "patterns", name + ".yaml");
        return new BenchEntry(engine.Compile(PatternFile.Load(path)), BenchEntry.HashFile(path));
    }
}
