using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Measurement;

/// <summary>Adds measurement to a chat client pipeline.</summary>
internal static class MeasurementExtensions
{
    public static ChatClientBuilder UseMeasurement(this ChatClientBuilder builder, TimeProvider time) =>
        builder.Use(inner => new MeasuringChatClient(inner, time));
}
