using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// A chat completion with no choices still bills the usage it reports, but the SDK cannot read such a body (it reads
/// the first choice, and throws), so its usage would be lost. This policy reads the body first and fails the call as
/// an empty response that carries the usage, so the measurement counts and costs what was billed.
/// </summary>
internal sealed class BilledEmptyAnswerPolicy(string provider) : PipelinePolicy
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
        // A streamed body is read as it arrives; the call guard keeps a streamed usage chunk itself.
        if (!message.BufferResponse || message.Response is not { Status: 200 } response || UsageOfNoChoices(response.Content) is not { } usage)
        {
            return;
        }

        throw new ProviderCallException(ProviderFailure.EmptyResponse, $"'{provider}' answered with no choices") { Usage = usage };
    }

    private static UsageDetails? UsageOfNoChoices(BinaryData body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() > 0
                || !root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new UsageDetails
            {
                InputTokenCount = Count(usage, "prompt_tokens"),
                OutputTokenCount = Count(usage, "completion_tokens"),
                TotalTokenCount = Count(usage, "total_tokens"),
                CachedInputTokenCount = usage.TryGetProperty("prompt_tokens_details", out var prompt) ? Count(prompt, "cached_tokens") : null,
                ReasoningTokenCount = usage.TryGetProperty("completion_tokens_details", out var completion) ? Count(completion, "reasoning_tokens") : null,
            };
        }
        catch (JsonException)
        {
            // Not JSON: the SDK fails it as a malformed body.
            return null;
        }
    }

    private static long? Count(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.TryGetInt64(out var count) ? count : null;
}
