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
    /// Whether llama.cpp's own log reaches standard error. Default false; the environment variable
    /// PATTERNS_LLAMA_LOG=1 also turns it on. The log is process-wide: once on, it stays on.
    /// </summary>
    public bool NativeLogging { get; init; }

    /// <summary>Output token limit for calls whose options give none. Default 256.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 256;
}
