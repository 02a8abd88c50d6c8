using Microsoft.Extensions.AI;

namespace PatternEngine.Benchmarks.Support;

/// <summary>
/// Answers that fit every built-in pattern, chosen by the call's system message, so that each pattern runs its whole
/// critical path: a valid JSON outline, "Answer: 42" lines to extract and vote on, a critique that never accepts
/// (the refine stage runs all its rounds), "A" for the judge (no judge call is repeated), a JSON object for
/// structured output.
/// </summary>
public static class PatternScript
{
    /// <summary>What the scripted model says to a call.</summary>
    public static string Answer(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var system = messages.Count > 0 && messages[0].Role == ChatRole.System ? messages[0].Text : "";
        return system switch
        {
            _ when Starts(system, "Outline the answer") => """["six times seven", "the multiplication", "the result"]""",
            _ when Starts(system, "Expand one point") => "Six times seven is a product of two small numbers.",
            _ when Starts(system, "You review answers") => "The answer gives no reasoning; show how the number follows.",
            _ when Starts(system, "Rewrite the answer") => "Six times seven is 42.\nAnswer: 42",
            _ when Starts(system, "You judge two answers") => "A",
            _ when Starts(system, "Reply with a JSON object") => """{"answer": "42", "confidence": 0.9}""",
            _ => "Six sevens make 42.\nAnswer: 42", // plain calls, chain-of-thought, samples, drafts, candidates
        };
    }

    private static bool Starts(string text, string prefix) => text.StartsWith(prefix, StringComparison.Ordinal);
}
