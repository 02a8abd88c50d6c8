using Microsoft.Extensions.AI;

namespace PatternEngine.Budgets;

/// <summary>
/// Counts the tokens a request takes with the answering model's own tokenizer. A route's client that can answer
/// <c>GetService(typeof(IPromptTokenCounter))</c> with one (the embedded model does) lets run budgets reserve what a
/// call really sends; other routes are counted with tiktoken for OpenAI models, else bounded by the request's UTF-8
/// bytes.
/// </summary>
public interface IPromptTokenCounter
{
    /// <summary>The tokens <paramref name="messages"/>, with the instructions of <paramref name="options"/>, take as one request.</summary>
    long CountPromptTokens(IReadOnlyList<ChatMessage> messages, ChatOptions? options);
}
