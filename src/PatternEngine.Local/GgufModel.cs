using System.Text;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Local;

/// <summary>
/// A GGUF model loaded in-process with LLamaSharp. The weights are loaded once and shared by
/// every call; concurrent calls decode together, in a context of their own (see <see cref="AsChatClient"/>).
/// </summary>
public sealed class GgufModel : IDisposable
{
    // The KV cache holds bfloat16 rather than llama.cpp's default float16. On the CPU, flash attention
    // accumulates float16 values through scalar conversions, one per element, and that cost nearly
    // all of a generation step on a small model (stories260K: 0.9M of 1.5M instructions per row);
    // bfloat16 widens to float32 by a shift and accumulates in float32: a third fewer instructions
    // per row, with float32's range. ggml's GGML_TYPE_BF16 (30), which LLamaSharp's enum does not name.
    private const GGMLType CacheType = (GGMLType)30;

    private readonly LLamaWeights weights;
    private readonly ModelParams parameters;
    private readonly GgufChatClient client;
    private volatile bool disposed;

    private GgufModel(string path, LLamaWeights weights, ModelParams parameters, GgufModelOptions options, int callCapacity)
    {
        Path = path;
        ModelId = System.IO.Path.GetFileNameWithoutExtension(path);
        Options = options;
        CallCapacity = callCapacity;
        this.weights = weights;
        this.parameters = parameters;
        client = new GgufChatClient(this);
    }

    /// <summary>The full path of the model file.</summary>
    public string Path { get; }

    /// <summary>The model's name: its file name without the extension, e.g. "stories260K".</summary>
    public string ModelId { get; }

    /// <summary>The options the model was loaded with.</summary>
    public GgufModelOptions Options { get; }

    /// <summary>Loads the model file at <paramref name="path"/>.</summary>
    /// <param name="path">The GGUF file; relative paths are taken from the current directory.</param>
    /// <param name="options">How to load and run it; defaults when null.</param>
    /// <returns>The loaded model; dispose it to free the weights.</returns>
    /// <exception cref="ModelFileException">The file is missing or is not a readable GGUF model.</exception>
    public static GgufModel Load(string path, GgufModelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new GgufModelOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ContextSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DefaultMaxOutputTokens, 1, nameof(options));

        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw ModelFileException.NotFound(fullPath);
        }

        GgufNativeLog.Configure(options.LoggerFactory);
        var contextSize = (uint)options.ContextSize;

        // A batch as large as the context lets a whole prompt go in with one decode.
        var parameters = new ModelParams(fullPath)
        {
            ContextSize = contextSize,
            BatchSize = contextSize,
            GpuLayerCount = 0,
        };
        try
        {
            var weights = LLamaWeights.LoadFromFile(parameters);
            try
            {
                // llama.cpp rounds the context size up; a call may use all of what it rounds to.
                using var probe = weights.CreateContext(parameters);
                return new GgufModel(fullPath, weights, parameters, options, (int)probe.ContextSize);
            }
            catch
            {
                weights.Dispose();
                throw;
            }
        }
        catch (Exception exception) when (exception is TypeInitializationException or DllNotFoundException)
        {
            throw ModelFileException.NativeLibraryFailed(fullPath, exception);
        }
        catch (Exception exception) when (exception is RuntimeError or IOException
            or UnauthorizedAccessException or InvalidOperationException)
        {
            throw ModelFileException.NotReadable(fullPath, exception);
        }
    }

    /// <summary>
    /// Counts the tokens of <paramref name="text"/> as the chat client counts a prompt it feeds:
    /// with the model's BOS token when the model asks for one, special tokens read as plain text.
    /// </summary>
    /// <param name="text">The text to count.</param>
    /// <returns>The number of tokens.</returns>
    public int CountTokens(string text) => Tokenize(text).Length;

    /// <summary>The model as a chat client; the same instance on every call.</summary>
    /// <returns>A client that is safe to call concurrently. Disposing it does nothing.</returns>
    public IChatClient AsChatClient() => client;

    /// <summary>
    /// Generates one token from a one-word prompt, outside any run: llama.cpp sets up its buffers and kernels on a
    /// model's first call, which would otherwise be measured as part of the first measured call.
    /// </summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) =>
        client.GetResponseAsync([new ChatMessage(ChatRole.User, "Once")], new ChatOptions { MaxOutputTokens = 1, Temperature = 0 }, cancellationToken);

    /// <summary>Frees the weights; calls made afterwards throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        disposed = true;
        weights.Dispose();
    }

    /// <summary>Tokens one call can hold, its prompt plus its output: the context size as llama.cpp rounds it.</summary>
    internal int CallCapacity { get; }

    internal LLamaToken[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(disposed, this);

        // Special tokens stay plain text so a prompt cannot smuggle in control tokens.
        return weights.Tokenize(text, weights.Vocab.ShouldAddBOS, special: false, Encoding.UTF8);
    }

    /// <summary>
    /// A fresh context for <paramref name="sequences"/> sequences, each in a cache stream of its own
    /// that holds at least <paramref name="cellsPerSequence"/> tokens (llama.cpp rounds it up).
    /// </summary>
    /// <param name="sequences">How many sequences it decodes together.</param>
    /// <param name="cellsPerSequence">The most tokens one sequence holds: its prompt and output.</param>
    /// <returns>The context; the caller disposes it.</returns>
    internal LLamaContext CreateContext(int sequences, int cellsPerSequence)
    {
        ObjectDisposedException.ThrowIf(disposed, this);

        // Separate streams keep each sequence's cache laid out as if it were alone, so its attention
        // sums in the same order whatever shares the batch; a unified cache would interleave them.
        // The batch must take a whole generation step, one token per sequence.
        var batched = new ModelParams(Path)
        {
            ContextSize = (uint)(sequences * cellsPerSequence),
            BatchSize = Math.Max(parameters.BatchSize, (uint)sequences),
            SeqMax = (uint)sequences,
            KVUnified = false,
            TypeK = CacheType,
            TypeV = CacheType,
            GpuLayerCount = parameters.GpuLayerCount,
        };
        var context = weights.CreateContext(batched);
        if (context.ContextSize < sequences * cellsPerSequence)
        {
            context.Dispose();
            throw new InvalidOperationException(
                $"llama.cpp made a context of {context.ContextSize} tokens for {sequences} sequences of {cellsPerSequence}");
        }

        return context;
    }
}
