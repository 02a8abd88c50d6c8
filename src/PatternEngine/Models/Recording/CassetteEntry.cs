using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Calls;

namespace PatternEngine.Models.Recording;

/// <summary>
/// One recorded call: the request's key and readable form, the stage that made it, the answer, its usage and where
/// the usage came from, and how long the call took (with the time to first token when it was streamed).
/// </summary>
internal sealed record CassetteEntry
{
    public required string Key { get; init; }

    public string? Stage { get; init; }

    public required JsonObject Request { get; init; }

    public required string Text { get; init; }

    public string? FinishReason { get; init; }

    public string? ModelId { get; init; }

    public ImmutableArray<JsonObject> FunctionCalls { get; init; } = [];

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public string? UsageSource { get; init; }

    public double LatencyMs { get; init; }

    public double? TimeToFirstTokenMs { get; init; }

    /// <summary>What a live call answered, to record.</summary>
    public static CassetteEntry Of(CassetteRequest request, string? stage, ChatResponse response, double latencyMs, double? firstTokenMs) => new()
    {
        Key = request.Key,
        Stage = stage,
        Request = request.Readable,
        Text = response.Text,
        FinishReason = response.FinishReason?.Value,
        ModelId = response.ModelId,
        FunctionCalls = [.. response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => CassetteJson.FunctionCall(c).AsObject())],
        InputTokens = response.Usage?.InputTokenCount,
        OutputTokens = response.Usage?.OutputTokenCount,
        UsageSource = response.Usage is null ? null : AnswerProvenance.Of(response)?.UsageSource ?? Calls.UsageSource.Provider,
        LatencyMs = latencyMs,
        TimeToFirstTokenMs = firstTokenMs,
    };

    /// <summary>The recorded answer as a fresh response, marked with <paramref name="source"/> and the recorded figures.</summary>
    public ChatResponse ToResponse(string source)
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, Contents()))
        {
            ModelId = ModelId,
            FinishReason = FinishReason is null ? null : new ChatFinishReason(FinishReason),
            Usage = Usage(),
        };
        AnswerProvenance.Set(response, Provenance(source));
        return response;
    }

    /// <summary>The recorded answer as a stream: its contents, then the usage with the marks.</summary>
    public IEnumerable<ChatResponseUpdate> ToUpdates(string source)
    {
        var messageId = Key;
        yield return new ChatResponseUpdate(ChatRole.Assistant, Contents()) { MessageId = messageId, ModelId = ModelId };
        var last = new ChatResponseUpdate(ChatRole.Assistant, Usage() is { } usage ? [new UsageContent(usage)] : [])
        {
            MessageId = messageId,
            ModelId = ModelId,
            FinishReason = FinishReason is null ? null : new ChatFinishReason(FinishReason),
        };
        AnswerProvenance.Set(last, Provenance(source));
        yield return last;
    }

    private List<AIContent> Contents()
    {
        List<AIContent> contents = Text.Length > 0 ? [new TextContent(Text)] : [];
        contents.AddRange(FunctionCalls.Select(ToFunctionCall));
        return contents;
    }

    private UsageDetails? Usage() => UsageSource is null ? null : new UsageDetails
    {
        InputTokenCount = InputTokens,
        OutputTokenCount = OutputTokens,
        TotalTokenCount = InputTokens + OutputTokens,
    };

    private AnswerProvenance Provenance(string source) => new()
    {
        Source = source,
        RecordedLatencyMs = LatencyMs,
        RecordedTimeToFirstTokenMs = TimeToFirstTokenMs,
        UsageSource = UsageSource,
    };

    private static FunctionCallContent ToFunctionCall(JsonObject call) => new(
        (string?)call["call_id"] ?? "",
        (string?)call["name"] ?? "",
        call["arguments"] is JsonObject arguments
            ? arguments.ToDictionary(a => a.Key, a => (object?)JsonSerializer.SerializeToElement(a.Value, AIJsonUtilities.DefaultOptions))
            : null);
}
