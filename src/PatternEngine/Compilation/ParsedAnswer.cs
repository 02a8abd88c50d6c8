using PatternEngine.Execution;

namespace PatternEngine.Compilation;

/// <summary>A model's answer and the value a stage takes from it; <see cref="Issue"/> says what could not be parsed.</summary>
internal sealed record ParsedAnswer(string Text, StageValue Value, string? Issue);
