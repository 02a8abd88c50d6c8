using PatternEngine.Definitions;

namespace PatternEngine.Models.Providers;

/// <summary>A logical model name (what a stage writes under <c>model:</c>) mapped to a provider and its model id.</summary>
public sealed record RouteSettings
{
    /// <summary>The logical name; <c>default</c> serves stages that name none.</summary>
    public required string Name { get; init; }

    /// <summary>The provider that serves it.</summary>
    public required string Provider { get; init; }

    /// <summary>The provider's model id.</summary>
    public required string Model { get; init; }

    /// <summary>Another logical name to call when this one still fails after its retries; null for none.</summary>
    public string? Fallback { get; init; }

    /// <summary>Overrides the provider's <see cref="ProviderSettings.FunctionCalling"/> for this model.</summary>
    public bool? FunctionCalling { get; init; }

    /// <summary>Overrides the provider's <see cref="ProviderSettings.StructuredOutput"/> for this model.</summary>
    public bool? StructuredOutput { get; init; }

    /// <summary>Where the route was written, for messages about it.</summary>
    public SourceLocation Location { get; init; } = new("<providers>", 1, 1);
}
