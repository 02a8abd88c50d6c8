using System.Diagnostics;
using Microsoft.Extensions.AI;
using PatternEngine.Execution;

namespace PatternEngine.Telemetry;

/// <summary>
/// Starts a model call's span as the GenAI conventions name it (<c>chat {model}</c>, kind client), with what the
/// request says: the route's model, the provider and its server, the sampling settings. Null when nobody listens.
/// </summary>
internal static class CallSpans
{
    public static Activity? Start(RouteFacts route, ChatOptions? options, bool streaming)
    {
        var span = PatternEngineTelemetry.Source.HasListeners() ? PatternEngineTelemetry.Source.StartActivity(Name(route.Model), ActivityKind.Client) : null;
        if (span is not { IsAllDataRequested: true })
        {
            return span;
        }

        Describe(span, route);
        span.SetTag(GenAIConventions.RequestMaxTokens, options?.MaxOutputTokens);
        span.SetTag(GenAIConventions.RequestTemperature, options?.Temperature);
        span.SetTag(GenAIConventions.RequestTopP, options?.TopP);
        span.SetTag(GenAIConventions.RequestSeed, options?.Seed);
        if (streaming)
        {
            span.SetTag(GenAIConventions.RequestStream, true);
        }

        return span;
    }

    /// <summary>
    /// A span for a call that was recorded without passing the telemetry middleware (an attempt the open circuit
    /// refused): it starts and ends where the record was made, under the stage's span.
    /// </summary>
    public static Activity? StartRecorded(EngineTelemetry telemetry, CallRecord record)
    {
        var route = telemetry.Route(record.Route);
        var span = PatternEngineTelemetry.Source.HasListeners() ? PatternEngineTelemetry.Source.StartActivity(Name(route.Model), ActivityKind.Client) : null;
        if (span is { IsAllDataRequested: true })
        {
            Describe(span, route);
        }

        return span;
    }

    private static string Name(string? model) => model is null ? GenAIConventions.Chat : $"{GenAIConventions.Chat} {model}";

    private static void Describe(Activity span, RouteFacts route)
    {
        span.SetTag(GenAIConventions.OperationName, GenAIConventions.Chat);
        span.SetTag(GenAIConventions.ProviderName, route.ProviderName);
        span.SetTag(GenAIConventions.RequestModel, route.Model);
        span.SetTag(TelemetryAttributes.CallRoute, route.Route);
        if (route.ServerAddress is not null)
        {
            span.SetTag(GenAIConventions.ServerAddress, route.ServerAddress);
            span.SetTag(GenAIConventions.ServerPort, route.ServerPort);
        }
    }
}
