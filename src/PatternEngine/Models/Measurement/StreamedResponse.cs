using Microsoft.Extensions.AI;
using PatternEngine.Models.Calls;

namespace PatternEngine.Models.Measurement;

/// <summary>Gathers a streamed answer into one response, the way a call that was not streamed returns it.</summary>
internal static class StreamedResponse
{
    /// <summary>
    /// <see cref="ChatResponseExtensions.ToChatResponse"/>, keeping the updates' additional properties on the response
    /// too, where non-streamed answers carry them (it puts them on the message only), and adding up what the pieces say
    /// of the answer's <see cref="AnswerProvenance"/> (a served stream says its source, a counted one its usage source).
    /// </summary>
    public static ChatResponse Gather(IReadOnlyList<ChatResponseUpdate> updates)
    {
        var response = updates.ToChatResponse();
        AnswerProvenance? provenance = null;
        foreach (var update in updates)
        {
            if (update.AdditionalProperties is not { Count: > 0 } properties)
            {
                continue;
            }

            response.AdditionalProperties ??= [];
            foreach (var (key, value) in properties)
            {
                response.AdditionalProperties[key] = value;
            }

            if (AnswerProvenance.Of(update) is { } said)
            {
                provenance = provenance is null ? said : provenance.Then(said);
            }
        }

        if (provenance is not null)
        {
            AnswerProvenance.Set(response, provenance);
        }

        return response;
    }

    /// <summary>Whether an update holds the first piece of an answer: text or a function call, not usage or an empty keep-alive.</summary>
    public static bool HasAnswer(ChatResponseUpdate update) => update.Contents.Any(Resilience.ModelFaultClassifier.IsAnswer);
}
