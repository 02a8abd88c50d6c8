using Microsoft.SemanticKernel;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Compilation;

/// <summary>What compiled patterns run with besides the model: the tools they may call and the clock they measure with.</summary>
public sealed record PatternCompilerOptions
{
    /// <summary>Semantic Kernel plugins whose functions prompts may name under <c>tools</c>.</summary>
    public IReadOnlyList<KernelPlugin> Plugins { get; init; } = [];

    /// <summary>The prices calls are costed at; calls to models it does not list have no cost.</summary>
    public ModelCatalog Catalog { get; init; } = ModelCatalog.Empty;

    /// <summary>The clock latencies are measured with; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
