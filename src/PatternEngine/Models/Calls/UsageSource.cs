namespace PatternEngine.Models.Calls;

/// <summary>
/// Where a call's token counts came from (<see cref="AnswerProvenance.UsageSource"/>, and a call record's
/// <c>usage_source</c>). A chat client that counts tokens itself says so on its answer with
/// <see cref="AnswerProvenance.Update"/>; otherwise reported usage counts as the provider's.
/// </summary>
public static class UsageSource
{
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
