using System.Globalization;
using System.Text.Json.Nodes;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// A question the reference models know the answer to. The server recognises it by its text anywhere in a prompt.
/// A model answers it right with probability <c>accuracy × (1 - Difficulty)</c>, decided by a hash (see <see cref="ReferenceTruth"/>).
/// </summary>
/// <param name="Id">The golden case's id.</param>
/// <param name="Text">The question as asked.</param>
/// <param name="Answer">The right answer.</param>
public sealed record ReferenceQuestion(string Id, string Text, string Answer)
{
    /// <summary>An arithmetic expression whose value is the answer: a model that uses tools evaluates it with <c>math.evaluate</c>.</summary>
    public string? Expression { get; init; }

    /// <summary>How much harder than usual, from 0 (as hard as the model's accuracy says) to 1 (never answered right).</summary>
    public double Difficulty { get; init; }

    /// <summary>Whether the answer is a number, so that wrong answers are other numbers near it.</summary>
    public bool IsNumeric => double.TryParse(Answer, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary><c>What is a + b?</c>, answered by the sum.</summary>
    public static ReferenceQuestion Sum(string id, int a, int b) =>
        new(id, string.Create(CultureInfo.InvariantCulture, $"What is {a} + {b}?"), (a + b).ToString(CultureInfo.InvariantCulture))
        {
            Expression = string.Create(CultureInfo.InvariantCulture, $"{a} + {b}"),
        };

    /// <summary>
    /// <paramref name="count"/> sums drawn from <paramref name="seed"/>, some of them past a thousand (so that answers
    /// written with thousands separators come up), with ids <c>q1</c>, <c>q2</c>, ….
    /// </summary>
    public static IReadOnlyList<ReferenceQuestion> Sums(int count, int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(1, count).Select(i => Sum($"q{i}", random.Next(10, i % 3 == 0 ? 4000 : 90), random.Next(10, 2000)))];
    }

    /// <summary>The question as a golden line for the <c>numeric</c> scorer (or <c>contains</c>, for text answers).</summary>
    public string GoldenLine() => new JsonObject
    {
        ["id"] = Id,
        ["inputs"] = new JsonObject { ["question"] = Text },
        ["expected"] = Answer,
        ["scorer"] = IsNumeric ? "numeric" : "contains",
    }.ToJsonString();

    /// <summary>A golden file of the questions, one line each.</summary>
    public static string Golden(IEnumerable<ReferenceQuestion> questions) => string.Join("\n", questions.Select(q => q.GoldenLine())) + "\n";
}
