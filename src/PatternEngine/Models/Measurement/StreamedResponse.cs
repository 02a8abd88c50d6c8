using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Measurement;

/// <summary>Gathers a streamed answer into one response, the way a call that was not streamed returns it.</summary>
internal static class StreamedResponse
{
    /// <summary>
    /// <see cref="ChatResponseExtensions.ToChatResponse"/>, keeping the updates' additional properties (usage source,
    /// call source) on the response too, where non-streamed answers carry them; it puts them on the message only.
    /// </summary>
    public static ChatResponse Gather(IReadOnlyList<ChatResponseUpdate> updates)
    {
        var response = updates.ToChatResponse();
        foreach (var properties in updates.Select(u => u.AdditionalProperties).OfType<AdditionalPropertiesDictionary>())
        {
            response.AdditionalProperties ??= [];
            foreach (var (key, value) in properties)
            {
                response.AdditionalProperties[key] = value;
            }
        }

        return response;
    }

    /// <summary>Whether an update holds the first piece of an answer: text or a function call, not usage or an empty keep-alive.</summary>
    public static bool HasAnswer(ChatResponseUpdate update) =>
        update.Contents.Any(c => c is TextContent { Text.Length: > 0 } or FunctionCallContent);
}
