using Microsoft.Extensions.AI;
using PatternEngine.Models.Measurement;
using PatternEngine.Models.Routing;

namespace PatternEngine.Models.Calls;

/// <summary>
/// One model call as the engine makes it: the stage that makes it, the logical model name it asks for, which attempt
/// it is, and the route it stands in for when it is a fallback. Middleware anywhere in the chain reads it with
/// <see cref="Of"/>, around every call or on a route. It travels in the call's options (a <see cref="ChatOptions"/>
/// that keeps it through <see cref="ChatOptions.Clone"/>), never as a property a provider could send.
/// </summary>
/// <example><code>
/// var call = ModelCallContext.Of(options);
/// logger.LogInformation("stage {Stage} asks {Route}, attempt {Attempt}", call.Stage, call.Route, call.Attempt);
/// </code></example>
public sealed record ModelCallContext
{
    /// <summary>The qualified id of the stage that makes the call (<c>samples[2].reasoning</c>); null outside a run.</summary>
    public string? Stage { get; init; }

    /// <summary>The logical model name the call asks for: what the stage names under <c>model:</c>, else <c>default</c>.</summary>
    public string Route { get; init; } = ModelRouter.DefaultRoute;

    /// <summary>Which try of the call this is: 1 for the first, more for a retry.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The logical model name whose failure made this call a fallback; null for a call of its own route.</summary>
    public string? FallbackFrom { get; init; }

    /// <summary>
    /// The context of the call <paramref name="options"/> came with: the one a middleware attached (the resilience
    /// middleware attaches one to every attempt of a route with retries or a fallback), else a first attempt of the
    /// route the options name, for the stage the call is made in.
    /// </summary>
    public static ModelCallContext Of(ChatOptions? options) =>
        Attached(options) ?? new() { Stage = CallScope.Current?.StageId, Route = options?.ModelId ?? ModelRouter.DefaultRoute };

    /// <summary>A copy of <paramref name="options"/> that carries this context to the middleware inside; the options given are not changed.</summary>
    public ChatOptions AttachTo(ChatOptions? options) => new ContextChatOptions(options, this);

    /// <summary>The context a middleware attached to <paramref name="options"/>, or null: nothing is made up.</summary>
    internal static ModelCallContext? Attached(ChatOptions? options) => (options as ContextChatOptions)?.Context;

    // A ChatOptions that carries the context: providers read the options' own properties, so it never reaches one.
    private sealed class ContextChatOptions : ChatOptions
    {
        public ContextChatOptions(ChatOptions? other, ModelCallContext context)
            : base(other)
        {
            Context = context;
        }

        public ModelCallContext Context { get; }

        public override ChatOptions Clone() => new ContextChatOptions(this, Context);
    }
}
