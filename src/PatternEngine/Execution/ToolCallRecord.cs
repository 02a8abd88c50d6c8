namespace PatternEngine.Execution;

/// <summary>A tool the model called: what it asked for and what it got back.</summary>
/// <param name="Tool">The function, as <c>plugin.function</c>.</param>
/// <param name="Arguments">The arguments as the model wrote them (JSON).</param>
/// <param name="Result">What the tool returned, or the error message the model was given.</param>
/// <param name="Error">Why the call failed, when it did.</param>
public sealed record ToolCallRecord(string Tool, string Arguments, string Result, string? Error);
