namespace PatternEngine.Definitions;

/// <summary>The primitives a pattern is composed of.</summary>
public enum StageKind
{
    /// <summary>One model call.</summary>
    Prompt,

    /// <summary>The same call made n times (samples).</summary>
    FanOut,

    /// <summary>One call per item of a list an earlier stage produced.</summary>
    Map,

    /// <summary>Combines a list into one value: vote, join or first.</summary>
    Reduce,

    /// <summary>Critique and revise a draft until the critique accepts it or the rounds run out.</summary>
    Refine,

    /// <summary>Pairwise judging of candidates.</summary>
    Tournament,

    /// <summary>Runs another pattern as a stage.</summary>
    Pattern,

    /// <summary>Stores facts in the conversation's memory.</summary>
    Remember,

    /// <summary>Finds the conversation's facts most relevant to a value.</summary>
    Recall,
}
