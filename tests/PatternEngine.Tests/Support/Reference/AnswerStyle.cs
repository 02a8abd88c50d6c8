namespace PatternEngine.Tests.Support.Reference;

/// <summary>How a reference model phrases a final answer: the ways real models write one.</summary>
public enum AnswerStyle
{
    /// <summary>Reasoning, then <c>Answer: 42</c> on a line of its own.</summary>
    AnswerLine,

    /// <summary><c>... so I add them. Answer: 42</c>, inline after the reasoning.</summary>
    InlineAnswer,

    /// <summary>Markdown emphasis: <c>**Answer:** 42</c>.</summary>
    BoldAnswer,

    /// <summary><c>The answer is 42.</c></summary>
    TheAnswerIs,

    /// <summary>LaTeX: <c>$\boxed{42}$</c>.</summary>
    Boxed,

    /// <summary><c>Answer: 42.</c>, with a full stop after the value.</summary>
    TrailingPunctuation,

    /// <summary>No marker: the reasoning just ends with the number.</summary>
    BareLastNumber,

    /// <summary><c>Answer: 5,025</c>: thousands separated by commas.</summary>
    ThousandsSeparator,

    /// <summary><c>Answer: 42.0</c>: a whole number with a decimal point.</summary>
    DecimalPoint,
}
