using System.Collections.Immutable;

namespace PatternEngine.Guards;

/// <summary>
/// A moderation endpoint a guard's <c>moderation</c> check asks. The core defines it; <c>PatternEngine.OpenAI</c>
/// implements it for OpenAI's <c>/v1/moderations</c>. Give one to <c>PatternEngineBuilder.UseModeration</c>.
/// </summary>
public interface IModerationClient
{
    /// <summary>The endpoint's judgement of <paramref name="text"/>; throws when the endpoint fails (the guard then fails open or closed, as it says).</summary>
    Task<ModerationResult> ModerateAsync(string text, string? model, CancellationToken cancellationToken);
}

/// <summary>What a moderation endpoint said of a text.</summary>
public sealed record ModerationResult
{
    /// <summary>Whether any category was flagged.</summary>
    public required bool Flagged { get; init; }

    /// <summary>The flagged categories.</summary>
    public ImmutableArray<string> Categories { get; init; } = [];

    /// <summary>The model that judged, as the endpoint says.</summary>
    public string? Model { get; init; }
}
