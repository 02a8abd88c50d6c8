using PatternEngine.Library;

namespace PatternEngine.Definitions;

/// <summary>How pattern files find the patterns they include, and how deeply patterns may nest.</summary>
public sealed record PatternLoadOptions
{
    /// <summary>The nesting limit unless one is given: a pattern, and up to eight levels of patterns inside it.</summary>
    public const int DefaultMaxNestingDepth = 8;

    /// <summary>
    /// Where patterns included by name (<c>pattern: chain-of-thought</c>) are found; when null, only patterns included
    /// by their path are (the library never looks for folders of its own: the host names it).
    /// </summary>
    public PatternLibrary? Library { get; init; }

    /// <summary>
    /// How many levels of included patterns a pattern may have (a pattern that includes one that includes another
    /// has two). Every level can multiply the calls a run makes, so deeper nesting is refused with its chain.
    /// </summary>
    public int MaxNestingDepth { get; init; } = DefaultMaxNestingDepth;
}
