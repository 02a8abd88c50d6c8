using Microsoft.Extensions.AI;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Models.Measurement;

/// <summary>Adds measurement to a chat client pipeline.</summary>
internal static class MeasurementExtensions
{
    public static ChatClientBuilder UseMeasurement(this ChatClientBuilder builder, TimeProvider time, ModelCatalog catalog) =>
        builder.Use(inner => new MeasuringChatClient(inner, time, catalog));
}
