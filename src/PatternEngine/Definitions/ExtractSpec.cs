namespace PatternEngine.Definitions;

/// <summary>How to pull a value out of a model's answer: a regular expression, a JSON path, or the final answer; one of them.</summary>
public sealed record ExtractSpec
{
    /// <summary>A .NET regular expression; the first capture group is the value, or the whole match when it has none.</summary>
    public string? Regex { get; init; }

    /// <summary>A JSON path (for example <c>$.answer</c>) into the answer parsed as JSON.</summary>
    public string? JsonPath { get; init; }

    /// <summary>
    /// The final answer as models write it: the last <c>Answer: …</c> (also inline, or in markdown emphasis),
    /// <c>The answer is …</c> or <c>\boxed{…}</c>; else the last number; else the whole answer.
    /// </summary>
    public bool FinalAnswer { get; init; }
}
