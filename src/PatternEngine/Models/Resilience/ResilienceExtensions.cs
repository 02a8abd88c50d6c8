using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Resilience;

/// <summary>Adds the engine's resilience layers to a chat client pipeline.</summary>
public static class ResilienceExtensions
{
    /// <summary>
    /// Retries, circuit breaking and fallback per route (<see cref="ResilientChatClient"/>). Put it outside the
    /// measurement, so that every attempt is measured as a call of its own; the pipeline inside must hold a
    /// <see cref="Routing.ModelRouter"/>, which it finds with <c>GetService</c>.
    /// </summary>
    public static ChatClientBuilder UseResilience(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ResilientChatClient(inner));
    }

    /// <summary>A time limit per attempt and faults read by <paramref name="classifier"/> (<see cref="CallGuardChatClient"/>); put it on a route's client.</summary>
    public static ChatClientBuilder UseCallGuard(
        this ChatClientBuilder builder, string provider, ModelFaultClassifier? classifier = null, TimeSpan? timeout = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new CallGuardChatClient(inner, provider, classifier, timeout, time));
    }
}
