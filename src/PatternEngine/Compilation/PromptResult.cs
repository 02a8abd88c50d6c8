using System.Collections.Immutable;
using PatternEngine.Execution;

namespace PatternEngine.Compilation;

/// <summary>What a prompt call produced: the parsed final answer and the tools it called on the way.</summary>
internal sealed record PromptResult(ParsedAnswer Answer, ImmutableArray<ToolCallRecord> ToolCalls, string? ToolIssue)
{
    /// <summary>Every issue of the call, parse and tool alike.</summary>
    public IEnumerable<string> Issues => new[] { Answer.Issue, ToolIssue }.OfType<string>();
}
