using Newtonsoft.Json.Linq;
using PatternEngine.Compilation;

namespace PatternEngine.Bench.Judging;

/// <summary>
/// Reads a judge's answer as <c>{"correct": true|false, "reason": "..."}</c>, found as the engine finds JSON in any
/// answer (the whole text, a fenced block, the outermost braces) and bounded like it. Anything else is no verdict:
/// the run is unscored, never silently right or wrong.
/// </summary>
internal static class JudgeVerdictReader
{
    private const int MaxReasonChars = 1000;

    public static JudgeVerdict Read(string answer)
    {
        if (answer.Length > InputLimits.MaxJsonAnswerChars || JsonText.TryParse(answer) is not JObject verdict)
        {
            return Unparsed(answer, "is no JSON object");
        }

        if (verdict["correct"] is not { Type: JTokenType.Boolean } correct)
        {
            return Unparsed(answer, "has no boolean 'correct'");
        }

        var reason = verdict["reason"] is { Type: JTokenType.String } text ? (string?)text : null;
        return new JudgeVerdict { Correct = (bool)correct, Reason = reason is { Length: > MaxReasonChars } ? reason[..MaxReasonChars] : reason };
    }

    private static JudgeVerdict Unparsed(string answer, string problem)
    {
        var shown = answer.Length > 80 ? answer[..80] + "..." : answer;
        return new JudgeVerdict { Unscored = $"the judge's answer {problem} ({{\"correct\": true|false, \"reason\": \"...\"}} expected): \"{shown}\"" };
    }
}
