using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// Estimates a call's tokens with the tiktoken encoding of OpenAI models that use o200k_base (the GPT-4.1, GPT-4o, o3
/// and o4-mini families, dated versions included). Sent tokens follow OpenAI's published recipe for chat messages:
/// each message costs 3 tokens besides its role and text, and the reply is primed with 3 more. It is an estimate:
/// providers may add tokens for tools, images or formats that the recipe does not cover.
/// </summary>
internal static class TiktokenCounter
{
    private const int TokensPerMessage = 3;
    private const int TokensPerName = 1;
    private const int ReplyPriming = 3;

    private static readonly string[] O200kFamilies = ["gpt-4.1", "gpt-4o", "o3", "o4-mini"];

    // Loading the encoding's ranks takes a while and a few megabytes: once per process, and only when needed.
    private static readonly Lazy<Tokenizer> O200kBase = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <summary>The encoding for a model id (a provider prefix such as <c>openai/</c> is ignored), or null when unknown.</summary>
    public static Tokenizer? For(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId))
        {
            return null;
        }

        var name = modelId[(modelId.LastIndexOf('/') + 1)..].ToLowerInvariant();
        return O200kFamilies.Any(family => name == family || name.StartsWith(family + "-", StringComparison.Ordinal)) ? O200kBase.Value : null;
    }

    /// <summary>Tokens a text takes in o200k_base: the size estimate of texts no model has counted yet (recalled facts).</summary>
    public static long Estimate(string text) => O200kBase.Value.CountTokens(text);

    /// <summary>Tokens the messages take as a chat request.</summary>
    public static long CountSent(Tokenizer tokenizer, IEnumerable<ChatMessage> messages, string? instructions)
    {
        var count = (long)ReplyPriming;
        if (!string.IsNullOrEmpty(instructions))
        {
            count += TokensPerMessage + tokenizer.CountTokens("system") + tokenizer.CountTokens(instructions);
        }

        foreach (var message in messages)
        {
            count += TokensPerMessage + tokenizer.CountTokens(message.Role.Value) + tokenizer.CountTokens(message.Text);
            if (!string.IsNullOrEmpty(message.AuthorName))
            {
                count += TokensPerName + tokenizer.CountTokens(message.AuthorName);
            }
        }

        return count;
    }

    /// <summary>Tokens of the answer's text.</summary>
    public static long CountReceived(Tokenizer tokenizer, ChatResponse response) => tokenizer.CountTokens(response.Text);
}
