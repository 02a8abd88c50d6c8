using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Local;

/// <summary>What one local generation produced.</summary>
/// <param name="Text">The generated text, cut before a stop sequence if one was hit.</param>
/// <param name="InputTokens">Tokens of the prompt as fed, BOS included.</param>
/// <param name="OutputTokens">Tokens sampled, the end-of-generation token excluded.</param>
/// <param name="FinishReason">Length if the token limit (or the context) ran out, else Stop.</param>
internal sealed record GgufGenerationResult(
    string Text, int InputTokens, int OutputTokens, ChatFinishReason FinishReason)
{
    /// <summary>The token counts as usage details.</summary>
    /// <returns>A new instance each time, as callers may add to it.</returns>
    public UsageDetails ToUsage() => new()
    {
        InputTokenCount = InputTokens,
        OutputTokenCount = OutputTokens,
        TotalTokenCount = InputTokens + OutputTokens,
    };
}
