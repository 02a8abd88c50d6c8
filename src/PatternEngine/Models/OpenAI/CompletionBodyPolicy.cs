using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// Reads a chat completion's body before the SDK does, and fails the call with its reason when the body is no
/// chat completion: not JSON, no list of choices, a first choice without a message, or no choices at all. The SDK
/// would throw whatever its parser meets (a KeyNotFoundException, an ArgumentOutOfRangeException); this says which
/// it was, and keeps the usage a body with no choices still bills, so the measurement counts and costs it. A streamed
/// body is read as it arrives, by the SDK; the call guard keeps its usage chunk itself.
/// </summary>
internal sealed class CompletionBodyPolicy(string provider) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        Check(message);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        Check(message);
    }

    private void Check(PipelineMessage message)
    {
        if (message.BufferResponse && message.Response is { Status: 200 } response && Problem(response.Content) is { } problem)
        {
            throw problem;
        }
    }

    private ProviderCallException? Problem(BinaryData body)
    {
        try
        {
            using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = InputLimits.MaxJsonDepth });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                return Malformed("it has no list of choices");
            }

            if (choices.GetArrayLength() == 0)
            {
                return new ProviderCallException(ProviderFailure.EmptyResponse, $"'{provider}' answered with no choices")
                {
                    Usage = root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object ? Usage(usage) : null,
                };
            }

            var first = choices[0];
            return first.ValueKind == JsonValueKind.Object && first.TryGetProperty("message", out var reply) && reply.ValueKind == JsonValueKind.Object
                ? null
                : Malformed("its first choice has no message");
        }
        catch (JsonException e)
        {
            return Malformed(e.Message.Split('\n', 2)[0].Trim());
        }
    }

    private ProviderCallException Malformed(string why) =>
        new(ProviderFailure.MalformedResponse, $"'{provider}' answered with a body that is not chat-completions JSON: {why}");

    private static UsageDetails Usage(JsonElement usage) => new()
    {
        InputTokenCount = Count(usage, "prompt_tokens"),
        OutputTokenCount = Count(usage, "completion_tokens"),
        TotalTokenCount = Count(usage, "total_tokens"),
        CachedInputTokenCount = usage.TryGetProperty("prompt_tokens_details", out var prompt) ? Count(prompt, "cached_tokens") : null,
        ReasoningTokenCount = usage.TryGetProperty("completion_tokens_details", out var completion) ? Count(completion, "reasoning_tokens") : null,
    };

    private static long? Count(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.TryGetInt64(out var count) ? count : null;
}
