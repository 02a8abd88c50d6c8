namespace PatternEngine.Tests.Support.Reference;

/// <summary>What a reference model did with a request: its reply, the kind of request it took it for, and the truth of it.</summary>
/// <param name="Reply">What the server sends.</param>
/// <param name="Kind">answer, json, tool_call, tool_answer, judge, critique, outline, expansion, unknown, or fault / scripted.</param>
/// <param name="Question">The question it recognised, if any.</param>
/// <param name="Value">The answer's value, when it gave one.</param>
/// <param name="Correct">Whether that value is right; null when it gave none.</param>
public sealed record ModelTurn(ServerReply Reply, string Kind, ReferenceQuestion? Question = null, string? Value = null, bool? Correct = null)
{
    /// <summary>How the answer was phrased, when the reply was a styled answer.</summary>
    public AnswerStyle? Style { get; init; }
}
