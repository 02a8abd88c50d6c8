using Microsoft.Extensions.AI;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Models.Measurement;

/// <summary>Adds measurement, token counting and streaming to a chat client pipeline.</summary>
internal static class MeasurementExtensions
{
    public static ChatClientBuilder UseMeasurement(this ChatClientBuilder builder, TimeProvider time, ModelCatalog catalog) =>
        builder.Use(inner => new MeasuringChatClient(inner, time, catalog));

    /// <summary>Estimates usage with tiktoken for known OpenAI models whose provider reports none.</summary>
    public static ChatClientBuilder UseTokenCounting(this ChatClientBuilder builder) =>
        builder.Use(inner => new TokenCountingChatClient(inner));

    /// <summary>Serves whole-answer calls by streaming them; put it outside the measurement to record time to first token.</summary>
    public static ChatClientBuilder UseStreaming(this ChatClientBuilder builder) =>
        builder.Use(inner => new StreamingChatClient(inner));
}
