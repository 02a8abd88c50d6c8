using System.Globalization;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>Writes an answer in an <see cref="AnswerStyle"/>, after a line of reasoning.</summary>
public static class AnswerStyles
{
    /// <summary>The whole reply: <paramref name="reasoning"/>, then <paramref name="value"/> as the style writes it.</summary>
    public static string Render(AnswerStyle style, string value, string reasoning) => style switch
    {
        AnswerStyle.AnswerLine => $"{reasoning}\nAnswer: {value}",
        AnswerStyle.InlineAnswer => $"{reasoning} Answer: {value}",
        AnswerStyle.BoldAnswer => $"{reasoning}\n\n**Answer:** {value}",
        AnswerStyle.TheAnswerIs => $"{reasoning} The answer is {value}.",
        AnswerStyle.Boxed => $"{reasoning} So the result is $\\boxed{{{value}}}$",
        AnswerStyle.TrailingPunctuation => $"{reasoning}\nAnswer: {value}.",
        AnswerStyle.BareLastNumber => $"{reasoning} That gives {value}",
        AnswerStyle.ThousandsSeparator => $"{reasoning}\nAnswer: {Thousands(value)}",
        AnswerStyle.DecimalPoint => $"{reasoning}\nAnswer: {WithDecimals(value)}",
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
    };

    /// <summary>Every style, for a model that phrases its answers every way.</summary>
    public static System.Collections.Immutable.ImmutableArray<AnswerStyle> All { get; } = [.. Enum.GetValues<AnswerStyle>()];

    private static string Thousands(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number.ToString("#,0.##", CultureInfo.InvariantCulture) : value;

    private static string WithDecimals(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number)
            ? number.ToString("0.0", CultureInfo.InvariantCulture)
            : value;
}
