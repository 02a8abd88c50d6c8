namespace PatternEngine.Execution;

/// <summary>
/// What a lone run's process spent once before the run, and outside every figure of its record: loading the model,
/// and the warm-up (<see cref="Compilation.CompiledPattern.WarmUpAsync"/>) that took first-call JIT off the stages.
/// </summary>
/// <param name="ModelLoadMs">Loading the model (the embedded model's weights and first decode; a provider's clients), in milliseconds.</param>
/// <param name="WarmUpMs">The warm-up run on a stand-in model, in milliseconds.</param>
public sealed record RunStartup(double ModelLoadMs, double WarmUpMs);
