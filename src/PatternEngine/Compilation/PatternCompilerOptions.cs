using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Recording;

namespace PatternEngine.Compilation;

/// <summary>
/// What compiled patterns run with besides the model: the tools they may call, the clock they measure with, whether
/// calls are streamed, and the cassette that caches, records or replays them.
/// </summary>
public sealed record PatternCompilerOptions
{
    /// <summary>Semantic Kernel plugins whose functions prompts may name under <c>tools</c>.</summary>
    public IReadOnlyList<KernelPlugin> Plugins { get; init; } = [];

    /// <summary>The prices calls are costed at; calls to models it does not list have no cost.</summary>
    public ModelCatalog Catalog { get; init; } = ModelCatalog.Empty;

    /// <summary>The clock latencies are measured with; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Whether every model call is streamed (and gathered into the whole answer the stages ask for), so that the
    /// records have each call's time to first token.
    /// </summary>
    public bool Streaming { get; init; }

    /// <summary>A cassette that answers and records calls as <see cref="CassetteMode"/> says; null for none.</summary>
    public Cassette? Cassette { get; init; }

    /// <summary>How <see cref="Cassette"/> is used: cache (the default), record or replay.</summary>
    public CassetteMode CassetteMode { get; init; }

    /// <summary>
    /// Where the engine's log events go (category <c>PatternEngine</c>): runs started and finished with their totals,
    /// stage failures, failed and retried calls, fallbacks, cassette misses. None by default.
    /// </summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// Whether model call spans carry the prompt and the answer (<c>gen_ai.input.messages</c>,
    /// <c>gen_ai.output.messages</c>). Off by default: they may hold what users typed.
    /// </summary>
    public bool CaptureMessageContent { get; init; }
}
