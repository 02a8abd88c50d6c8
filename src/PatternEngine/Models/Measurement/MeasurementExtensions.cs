using Microsoft.Extensions.AI;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Models.Measurement;

/// <summary>Adds measurement, streaming and token counting to a chat client pipeline.</summary>
public static class MeasurementExtensions
{
    /// <summary>
    /// Measures every call (<see cref="MeasuringChatClient"/>) into the stage it is made in; put it inside the
    /// resilience, so that each attempt is a call of its own, and outside whatever may answer without the model.
    /// </summary>
    public static ChatClientBuilder UseMeasurement(this ChatClientBuilder builder, TimeProvider? time = null, ModelCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new MeasuringChatClient(inner, time, catalog));
    }

    /// <summary>Estimates usage with tiktoken for known OpenAI models whose provider reports none (<see cref="TokenCountingChatClient"/>).</summary>
    public static ChatClientBuilder UseTokenCounting(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new TokenCountingChatClient(inner));
    }

    /// <summary>
    /// Serves whole-answer calls by streaming them (<see cref="StreamingChatClient"/>); put it outside the measurement
    /// to record each call's time to first token.
    /// </summary>
    public static ChatClientBuilder UseStreaming(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new StreamingChatClient(inner));
    }
}
