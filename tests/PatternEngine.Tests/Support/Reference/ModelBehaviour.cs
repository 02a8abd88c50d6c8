using System.Globalization;
using System.Text.Json.Nodes;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// How a reference model follows instructions, by what its prompt asks (the built-in patterns' wording): a judge
/// ("A or B") and a reviewer (told to reply "ACCEPT") know the right answer and prefer or accept it; an outline ("JSON array") has
/// three points, whose last ("State the result") is expanded into the answer; "JSON object" or a JSON response format
/// gets <c>{"answer": ..., "confidence": ...}</c>; offered tools (native, or the text protocol's "CALL plugin.function"),
/// a model that uses them evaluates the question's expression; everything else gets a reply in one of the model's
/// answer styles. Whether an answer is right comes from <see cref="ReferenceTruth"/>.
/// </summary>
internal static class ModelBehaviour
{
    public const string LastPoint = "State the result";

    private static readonly string[] Outline = ["Restate the question", "Work it out", LastPoint];

    public static ModelTurn Respond(ServerRequest request, ReferenceModel model, IReadOnlyList<ReferenceQuestion> questions, ServerLog log)
    {
        var question = questions.FirstOrDefault(q => request.AllTexts.Any(t => t.Contains(q.Text, StringComparison.Ordinal)));
        if (ToolResult(request) is { } result)
        {
            return Answer(model, request, question, result.Trim(), question is not null && SameValue(result, question.Answer), "I checked it with the calculator.", "tool_answer");
        }

        if (question is null)
        {
            return Text("I cannot tell what you are asking.", request, "unknown");
        }

        if (question.Expression is { } expression && model.UsesTools && ToolCall(request, expression) is { } call)
        {
            return call with { Question = question };
        }

        var system = request.System;
        if (system.Contains("A or B", StringComparison.Ordinal))
        {
            return Judge(request, question, log);
        }

        if (system.Contains("ACCEPT", StringComparison.Ordinal))
        {
            var draft = After(request.Prompt, "\nAnswer:") ?? "";
            return log.IsCorrect(draft, question) == true
                ? Text("ACCEPT", request, "critique", question)
                : Text("The result is wrong; work the sum out again.", request, "critique", question);
        }

        if (system.Contains("JSON array", StringComparison.Ordinal))
        {
            return Text(new JsonArray([.. Outline.Select(p => (JsonNode?)p)]).ToJsonString(), request, "outline", question);
        }

        if (system.Contains("Expand one point", StringComparison.Ordinal)
            && !(After(request.Prompt, "\nPoint:") ?? "").Contains(LastPoint, StringComparison.Ordinal))
        {
            return Text("This point needs a sentence of its own, and no figure.", request, "expansion", question);
        }

        var value = ReferenceTruth.Value(model, question, request.Seed, request.Temperature);
        var correct = ReferenceTruth.IsCorrect(model, question, request.Seed, request.Temperature);
        if (request.WantsJson || system.Contains("JSON object", StringComparison.Ordinal))
        {
            var json = new JsonObject { ["answer"] = value, ["confidence"] = correct ? 0.9 : 0.6 }.ToJsonString();
            return Text(json, request, "json", question) with { Value = value, Correct = correct };
        }

        var reasoning = question.Expression is { } e ? $"Working out {e} step by step." : "Thinking it over.";
        return Answer(model, request, question, value, correct, reasoning, "answer");
    }

    /// <summary>Tokens as the reference server counts them: words.</summary>
    public static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Prompt tokens of a request: the words of every message, and 4 per message.</summary>
    public static int PromptTokens(ServerRequest request) => request.AllTexts.Sum(t => Words(t) + 4);

    private static ModelTurn Answer(ReferenceModel model, ServerRequest request, ReferenceQuestion? question, string value, bool correct, string reasoning, string kind)
    {
        var style = question is null ? model.Styles[0] : ReferenceTruth.Style(model, question, request.Seed, request.Temperature);
        return Text(AnswerStyles.Render(style, value, reasoning), request, kind, question) with { Value = value, Correct = correct, Style = style };
    }

    // Like a real model, an answer stops at the request's token limit.
    private static ModelTurn Text(string text, ServerRequest request, string kind, ReferenceQuestion? question = null)
    {
        var words = text.Split(' ');
        var cut = request.MaxTokens is { } limit && Words(text) > limit;
        var sent = cut ? string.Join(' ', words.Where(w => w.Length > 0).Take(request.MaxTokens!.Value)) : text;
        var reply = new ServerReply.Answer(sent, new ReplyUsage(PromptTokens(request), Math.Max(1, Words(sent)), 0, 0)) { FinishReason = cut ? "length" : "stop" };
        return new ModelTurn(reply, kind, question);
    }

    private static ModelTurn? ToolCall(ServerRequest request, string expression)
    {
        var arguments = new JsonObject { ["expression"] = expression }.ToJsonString();
        if (request.ToolNames.Any(n => n.Contains("evaluate", StringComparison.Ordinal)))
        {
            return new ModelTurn(new ServerReply.ToolCall("evaluate", arguments, new ReplyUsage(PromptTokens(request), Words(arguments) + 3, 0, 0)), "tool_call");
        }

        return request.System.Contains("CALL plugin.function", StringComparison.Ordinal)
            ? Text("CALL math.evaluate " + arguments, request, "tool_call")
            : null;
    }

    private static string? ToolResult(ServerRequest request)
    {
        if (request.HasToolResult)
        {
            return request.LastToolResult;
        }

        // The text protocol sends a tool's result as a user turn: "RESULT plugin.function: value".
        var prompt = request.Prompt;
        return prompt.StartsWith("RESULT ", StringComparison.Ordinal) && prompt.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0
            ? prompt[(colon + 2)..]
            : null;
    }

    // A perfect judge: it prefers a right candidate to a wrong one, and the first shown otherwise.
    private static ModelTurn Judge(ServerRequest request, ReferenceQuestion question, ServerLog log)
    {
        var prompt = request.Prompt;
        var a = prompt.IndexOf("\nA:", StringComparison.Ordinal);
        var b = prompt.LastIndexOf("\nB:", StringComparison.Ordinal);
        if (a < 0 || b < a)
        {
            return Text("I cannot see two candidates.", request, "judge", question);
        }

        var aRight = log.IsCorrect(prompt[(a + 3)..b], question) == true;
        var bRight = log.IsCorrect(prompt[(b + 3)..], question) == true;
        return Text(bRight && !aRight ? "B" : "A", request, "judge", question);
    }

    private static string? After(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : text[(at + marker.Length)..].Trim();
    }

    private static bool SameValue(string text, string answer) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
        && decimal.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            ? x == y
            : string.Equals(text.Trim(), answer, StringComparison.OrdinalIgnoreCase);
}
