using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Local;

/// <summary>
/// Turns chat messages into the plain text a GGUF model without a chat template is fed.
/// </summary>
/// <remarks>
/// The format: the text of each message that has any, in order (system, user and assistant turns
/// alike, without role labels), joined by one blank line, with nothing added before or after.
/// Small story models only continue text, so labels would be noise they copy; and the last
/// message runs straight into the model's continuation. The result is exactly what is tokenized
/// (with the model's BOS token, as <see cref="GgufModel.CountTokens"/> counts) and fed.
/// </remarks>
internal static class GgufPromptFormat
{
    /// <summary>The separator between two messages.</summary>
    public const string Separator = "\n\n";

    /// <summary>Formats <paramref name="messages"/> as described on the type.</summary>
    /// <param name="messages">The conversation so far.</param>
    /// <returns>The prompt text.</returns>
    public static string Format(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return string.Join(
            Separator,
            messages.Select(message => message.Text).Where(text => text.Length > 0));
    }
}
