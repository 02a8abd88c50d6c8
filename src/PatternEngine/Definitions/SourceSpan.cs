using System.Collections.Immutable;

namespace PatternEngine.Definitions;

/// <summary>Where a definition and each of its fields were written, so that later checks can point at them.</summary>
public sealed record SourceSpan
{
    /// <summary>Where the definition itself starts.</summary>
    public required SourceLocation Start { get; init; }

    /// <summary>Where each field's value starts, by the field's name in the file.</summary>
    public ImmutableDictionary<string, SourceLocation> Fields { get; init; } = ImmutableDictionary<string, SourceLocation>.Empty;

    /// <summary>The location of a field's value, or of the definition when the field was not written.</summary>
    public SourceLocation Of(string field) => Fields.TryGetValue(field, out var location) ? location : Start;

    /// <summary>A span for definitions made in code rather than read from a file.</summary>
    public static SourceSpan InCode(string name) => new() { Start = new SourceLocation(name, 1, 1) };
}
