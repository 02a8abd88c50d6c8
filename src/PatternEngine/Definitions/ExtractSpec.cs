namespace PatternEngine.Definitions;

/// <summary>How to pull a value out of a model's answer: a regular expression or a JSON path, not both.</summary>
public sealed record ExtractSpec
{
    /// <summary>A .NET regular expression; the first capture group is the value, or the whole match when it has none.</summary>
    public string? Regex { get; init; }

    /// <summary>A JSON path (for example <c>$.answer</c>) into the answer parsed as JSON.</summary>
    public string? JsonPath { get; init; }
}
