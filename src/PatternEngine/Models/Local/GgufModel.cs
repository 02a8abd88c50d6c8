using System.Text;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Local;

/// <summary>
/// A GGUF model loaded in-process with LLamaSharp. The weights are loaded once and shared by
/// every call; each call decodes in a context of its own.
/// </summary>
public sealed class GgufModel : IDisposable
{
    private readonly LLamaWeights weights;
    private readonly ModelParams parameters;
    private readonly GgufChatClient client;
    private volatile bool disposed;

    private GgufModel(string path, LLamaWeights weights, ModelParams parameters, GgufModelOptions options)
    {
        Path = path;
        ModelId = System.IO.Path.GetFileNameWithoutExtension(path);
        Options = options;
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

        GgufNativeLog.Configure(options.NativeLogging);
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
            return new GgufModel(fullPath, LLamaWeights.LoadFromFile(parameters), parameters, options);
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

    /// <summary>Frees the weights; calls made afterwards throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        disposed = true;
        weights.Dispose();
    }

    internal LLamaToken[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(disposed, this);

        // Special tokens stay plain text so a prompt cannot smuggle in control tokens.
        return weights.Tokenize(text, weights.Vocab.ShouldAddBOS, special: false, Encoding.UTF8);
    }

    internal LLamaContext CreateContext()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return weights.CreateContext(parameters);
    }
}
