using System.Text;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Measurement;

namespace PatternEngine.Budgets;

/// <summary>What a request may take in tokens, for a budget's worst case: counted where the tokenizer is known, else bounded.</summary>
internal static class PromptTokens
{
    // A chat template adds role markers and separators around each message; byte-level tokenizers never make more
    // tokens than bytes, so bytes plus this per message is a bound for models whose tokenizer is unknown.
    private const int TemplateTokensPerMessage = 8;

    public static long Count(IChatClient routeClient, string? model, IReadOnlyList<ChatMessage> sent, ChatOptions? options)
    {
        if (routeClient.GetService<IPromptTokenCounter>() is { } counter)
        {
            return counter.CountPromptTokens(sent, options);
        }

        return Count(model, sent, options);
    }

    /// <summary>As the budget counts a request to <paramref name="model"/> when its route has no tokenizer of its own: an estimate (<c>patterns estimate</c>) has no route.</summary>
    public static long Count(string? model, IReadOnlyList<ChatMessage> sent, ChatOptions? options)
    {
        if (TiktokenCounter.For(model) is { } tokenizer)
        {
            return TiktokenCounter.CountSent(tokenizer, sent, options?.Instructions);
        }

        long bound = TemplateTokensPerMessage + Bytes(options?.Instructions);
        foreach (var message in sent)
        {
            bound += TemplateTokensPerMessage + Bytes(message.Role.Value) + Bytes(message.Text) + Bytes(message.AuthorName);
        }

        return bound;
    }

    private static int Bytes(string? text) => string.IsNullOrEmpty(text) ? 0 : Encoding.UTF8.GetByteCount(text);
}
