namespace PatternEngine.Definitions;

/// <summary>How a reduce stage combines a list.</summary>
public enum ReduceMethod
{
    /// <summary>Plurality vote over normalised answers, keeping the agreement ratio.</summary>
    Vote,

    /// <summary>Concatenation with a separator, in the list's order.</summary>
    Join,

    /// <summary>The first item that has a value.</summary>
    First,
}
