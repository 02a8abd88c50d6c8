using Microsoft.SemanticKernel;

namespace PatternEngine.Compilation;

/// <summary>What compiled patterns run with besides the model: the tools they may call and the clock they measure with.</summary>
public sealed record PatternCompilerOptions
{
    /// <summary>Semantic Kernel plugins whose functions prompts may name under <c>tools</c>.</summary>
    public IReadOnlyList<KernelPlugin> Plugins { get; init; } = [];

    /// <summary>The clock latencies are measured with; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
