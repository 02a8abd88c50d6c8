using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PatternEngine.Models.Local;

/// <summary>How a <see cref="GgufModel"/> is loaded and run.</summary>
public sealed record GgufModelOptions
{
    /// <summary>
    /// Tokens one call can hold: its prompt plus its output (llama.cpp rounds it up). Also the most
    /// prompt tokens one decode takes. Default 2048.
    /// </summary>
    public int ContextSize { get; init; } = 2048;

    /// <summary>
    /// How many batches may decode at once, each in its own context. Concurrent calls decode together
    /// in one batch (up to 64 start one together); a call that arrives while a batch runs joins it
    /// between two steps if it has a free slot (it has at least 8), else waits for the next batch.
    /// Default 1.
    /// </summary>
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>
    /// Where llama.cpp's own log goes (category <c>LLama.Native</c>: its information at Debug, its warnings and
    /// errors as such). None by default. The log is process-wide: the latest model loaded with a logger takes it.
    /// </summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Output token limit for calls whose options give none. Default 256.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 256;
}
