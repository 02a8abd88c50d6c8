using System.Security.Cryptography;
using System.Text;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// A reference model that grades, as a bench's judge asks (the default rubric's "Reference answer:" and "Answer to
/// grade:"): the answer is right when it contains the reference, ignoring case, which is what a golden case's
/// <c>check: contains</c> decides too. It says the opposite on a known share of answers (<see cref="WrongShare"/>,
/// drawn from a hash of the answer and reference, and logged as <c>grade_flipped</c>), or answers with no JSON at all
/// (<see cref="Garbled"/>).
/// </summary>
/// <param name="WrongShare">The chance, per answer, that the verdict is flipped.</param>
/// <param name="Garbled">Whether every verdict is prose instead of JSON.</param>
public sealed record ReferenceGrading(double WrongShare = 0, bool Garbled = false)
{
    public const string Kind = "grade";

    public const string FlippedKind = "grade_flipped";

    internal ModelTurn Respond(ServerRequest request)
    {
        var prompt = request.Prompt;
        var reference = Between(prompt, "Reference answer:\n", "\n\nAnswer to grade:");
        var answer = Between(prompt, "Answer to grade:\n", "\n\nReply with");
        if (Garbled || reference is null || answer is null)
        {
            return Reply(request, "I think it looks fine, more or less.", Kind);
        }

        var right = answer.Contains(reference.Trim(), StringComparison.OrdinalIgnoreCase);
        var flipped = Draw(answer + "\0" + reference) < WrongShare;
        var verdict = right != flipped;
        var json = $$"""{"correct": {{(verdict ? "true" : "false")}}, "reason": "The answer {{(right ? "states" : "misses")}} the reference."}""";
        return Reply(request, json, flipped ? FlippedKind : Kind) with { Correct = verdict };
    }

    private static ModelTurn Reply(ServerRequest request, string text, string kind) =>
        new(new ServerReply.Answer(text, new ReplyUsage(ModelBehaviour.PromptTokens(request), ModelBehaviour.Words(text), 0, 0)), kind);

    private static string? Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : text.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        return to < 0 ? null : text[(from + start.Length)..to];
    }

    private static double Draw(string key) =>
        (BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0) >> 11) * (1.0 / (1UL << 53));
}
