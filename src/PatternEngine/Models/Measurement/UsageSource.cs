namespace PatternEngine.Models.Measurement;

/// <summary>
/// Where a call's token counts came from. A chat client that counts tokens itself says so by setting
/// <see cref="PropertyKey"/> in the response's additional properties; otherwise reported usage counts as the provider's.
/// </summary>
public static class UsageSource
{
    /// <summary>The key of the additional property that names the source.</summary>
    public const string PropertyKey = "pattern_engine.usage_source";

    /// <summary>The provider reported the usage.</summary>
    public const string Provider = "provider";

    /// <summary>The model's own tokenizer counted what was sent and generated.</summary>
    public const string Tokenizer = "tokenizer";

    /// <summary>
    /// The engine estimated the counts with the model family's tiktoken encoding (o200k_base), adding OpenAI's
    /// per-message overhead to what was sent, because the provider reported none.
    /// </summary>
    public const string Tiktoken = "tiktoken";

    /// <summary>Nobody counted: the figures are zero.</summary>
    public const string None = "none";
}
