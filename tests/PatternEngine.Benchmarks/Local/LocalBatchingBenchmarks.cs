using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LLama;
using LLama.Native;
using Microsoft.Extensions.AI;
using PatternEngine.Benchmarks.Support;
using PatternEngine.Models.Local;

namespace PatternEngine.Benchmarks.Local;

/// <summary>
/// The embedded model (<c>../shared/models/stories260K.gguf</c>) answering a self-consistency fan-out: one sample
/// against five concurrent samples of the same prompt (64 tokens each, temperature 0.8, distinct seeds), which the
/// local provider decodes together in one batch, the prompt evaluated once. Contract from the issue tracker: five
/// samples take at most twice the wall time of one (Ratio ≤ 2.0 in category "calls").
/// </summary>
/// <remarks>
/// The seeds are the first five whose samples run the whole 64 tokens (setup finds them and fails if it cannot),
/// so that every iteration decodes the same tokens and a sample ending early cannot flatter the ratio. Each call
/// loads nothing: the model is loaded once in setup, as a run of the engine would. Category "decode only" is the
/// floor under that ratio: the same prompt and 63 generation steps fed straight to llama.cpp in a context made as
/// the provider makes it, 2 rows a step (one sample and the padding row a lone call decodes) against 5 rows, with
/// no sampling, text or scheduling.
/// <para>Restated contract: five concurrent samples take at most 1.10 × the decode floor of five rows (column
/// "vs decode floor": the "5 concurrent samples" row over the "prompt + 63 steps of 5 rows" row).</para>
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[Config(typeof(LocalBatchingConfig))]
public class LocalBatchingBenchmarks
{
    private const int Tokens = 64;
    private const int Slots = 8;

    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "Once upon a time")];

    private GgufModel? _model;
    private IChatClient? _client;
    private ChatOptions[] _samples = [];
    private LLamaContext? _context;
    private LLamaToken[] _promptTokens = [];
    private readonly LLamaBatch _batch = new();

    [GlobalSetup]
    public void Setup()
    {
        _model = GgufModel.Load(Repository.ModelFile);
        _client = _model.AsChatClient();
        _samples = [.. Enumerable.Range(1, 100).Select(Options).Where(RunsWholeLength).Take(5)];
        if (_samples.Length < 5)
        {
            throw new InvalidOperationException($"fewer than 5 of the first 100 seeds sample {Tokens} tokens");
        }

        _promptTokens = Tokenize(_model, Prompt[0].Text); // one user message is fed as its text
        _context = CreateContext(_model, Slots, _promptTokens.Length + Tokens);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context?.Dispose();
        _model?.Dispose();
    }

    [BenchmarkCategory("calls")]
    [Benchmark(Baseline = true, Description = "1 sample")]
    public Task<ChatResponse> One_sample() => _client!.GetResponseAsync(Prompt, _samples[0]);

    [BenchmarkCategory("calls")]
    [Benchmark(Description = "5 concurrent samples")]
    public Task<ChatResponse[]> Five_concurrent_samples() =>
        Task.WhenAll(_samples.Select(options => _client!.GetResponseAsync(Prompt, options)));

    [BenchmarkCategory("decode only")]
    [Benchmark(Baseline = true, Description = "prompt + 63 steps of 2 rows (1 sample + padding)")]
    public void Decode_one_sample() => Decode(1);

    [BenchmarkCategory("decode only")]
    [Benchmark(Description = "prompt + 63 steps of 5 rows")]
    public void Decode_five_samples() => Decode(5);

    private static ChatOptions Options(int seed) => new() { Temperature = 0.8f, Seed = seed, MaxOutputTokens = Tokens };

    private bool RunsWholeLength(ChatOptions options) =>
        _client!.GetResponseAsync(Prompt, options).GetAwaiter().GetResult().Usage?.OutputTokenCount == Tokens;

    // As GgufBatchDecoder does: the prompt once, copied to the other streams, then one row per sample and step, and a
    // padding row in an emptied stream when fewer than 2 are live. The token fed does not change the arithmetic.
    private void Decode(int samples)
    {
        var context = _context!;
        context.NativeHandle.MemoryClear();
        _batch.Clear();
        _batch.AddRange(_promptTokens, 0, (LLamaSeqId)0, logitsLast: true);
        Check(context.Decode(_batch));
        for (var slot = 1; slot < samples; slot++)
        {
            context.NativeHandle.MemorySequenceCopy((LLamaSeqId)0, (LLamaSeqId)slot, 0, -1);
        }

        var token = _promptTokens[^1];
        for (var step = 0; step < Tokens - 1; step++)
        {
            _batch.Clear();
            for (var slot = 0; slot < Math.Max(samples, 2); slot++)
            {
                if (slot < samples)
                {
                    _batch.Add(token, _promptTokens.Length + step, (LLamaSeqId)slot, logits: true);
                }
                else
                {
                    context.NativeHandle.MemorySequenceRemove((LLamaSeqId)slot, -1, -1);
                    _batch.Add(0, 0, (LLamaSeqId)slot, logits: true);
                }
            }

            Check(context.Decode(_batch));
        }
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama.cpp could not decode: {result}");
        }
    }

    // The provider's own internals, reached by reflection (as Support/Measurement.cs does), so that this measures the
    // context and tokens the provider uses; a rename fails the setup with a message, not the build.
    private static LLamaToken[] Tokenize(GgufModel model, string text) =>
        (LLamaToken[])Internal(model, "Tokenize").Invoke(model, [text])!;

    private static LLamaContext CreateContext(GgufModel model, int sequences, int cellsPerSequence) =>
        (LLamaContext)Internal(model, "CreateContext").Invoke(model, [sequences, cellsPerSequence])!;

    private static MethodInfo Internal(GgufModel model, string name) =>
        model.GetType().GetMethod(name, BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"GgufModel has no internal {name}: update LocalBatchingBenchmarks");
}

/// <summary>Adds "vs decode floor": five concurrent samples over five rows decoded straight by llama.cpp (target ≤ 1.10).</summary>
public sealed class LocalBatchingConfig : ManualConfig
{
    public LocalBatchingConfig() =>
        AddColumn(new ComputedColumn("vs decode floor", "Five concurrent samples' mean over the mean of the prompt and 63 steps of 5 rows (target ≤ 1.10)", (summary, benchmarkCase) =>
        {
            if (benchmarkCase.Descriptor.WorkloadMethod.Name != nameof(LocalBatchingBenchmarks.Five_concurrent_samples))
            {
                return "-";
            }

            var floor = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.WorkloadMethod.Name == nameof(LocalBatchingBenchmarks.Decode_five_samples));
            return floor is not null && ComputedColumn.MeanMs(summary, benchmarkCase) is { } calls && ComputedColumn.MeanMs(summary, floor) is { } decode
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{calls / decode:F2}")
                : "?";
        }));
}
