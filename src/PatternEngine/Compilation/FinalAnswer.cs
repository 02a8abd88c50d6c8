using System.Text.RegularExpressions;

namespace PatternEngine.Compilation;

/// <summary>
/// Finds the final answer in a reply the way models write one: the last of <c>Answer: 42</c> (inline or on its own
/// line, also <c>Final answer:</c> and markdown emphasis such as <c>**Answer:** 42</c>), <c>The answer is 42.</c> and
/// <c>\boxed{42}</c>; without any of them, the reply's last number (a numeric answer written plainly), else the whole
/// reply. The value loses its decoration: emphasis, quotes, <c>$…$</c>, <c>\boxed{…}</c> and trailing punctuation.
/// </summary>
internal static partial class FinalAnswer
{
    private static readonly char[] Decoration = ['*', '_', '`', '"', '\'', '$', ' ', '\t'];

    private static readonly char[] TrailingPunctuation = ['.', ',', ';', ':', '!', '?', ' ', '\t'];

    private static readonly Regex[] Markers = [Marker(), AnswerIs(), Boxed()];

    /// <summary>The final answer in <paramref name="reply"/>; null when the reply is blank.</summary>
    public static string? Extract(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);

        // Every sample of a vote is read here: the last marker is found without allocating, then matched once.
        (Regex Regex, int Index)? last = null;
        foreach (var regex in Markers)
        {
            foreach (var match in regex.EnumerateMatches(reply))
            {
                if (last is not { } found || match.Index > found.Index)
                {
                    last = (regex, match.Index);
                }
            }
        }

        var value = last is { } marked ? Clean(marked.Regex.Match(reply, marked.Index).Groups["value"].Value)
            : AnswerNumbers.LastWritten(reply) ?? Clean(reply);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string Clean(string value)
    {
        var text = value.Trim();
        if (Boxed().Match(text) is { Success: true } boxed)
        {
            text = boxed.Groups["value"].Value;
        }

        text = text.Replace(@"\(", "", StringComparison.Ordinal).Replace(@"\)", "", StringComparison.Ordinal);

        // "**42**." loses its full stop, then its emphasis, then whatever punctuation the emphasis hid.
        for (var i = 0; i < 2; i++)
        {
            text = text.TrimEnd(TrailingPunctuation).Trim(Decoration);
        }

        return text;
    }

    // "Answer: 42", "Final answer: 42", "**Answer:** 42", "**Answer: 42**", "Answer:" then the value on the next line.
    [GeneratedRegex(@"(?im)(?<![\w])(?:final\s+)?answer(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*(?:\r?\n[ \t]*)?(?<value>[^\r\n]*\S)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Marker();

    // "The answer is 42." up to the end of the clause (punctuation followed by a space or the line's end).
    [GeneratedRegex(@"(?im)\bthe\s+(?:final\s+)?answer\s+is[ \t:]+(?<value>.+?)(?=[.!?;,]?[ \t]*$|[.!?;,][ \t])", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AnswerIs();

    // \boxed{42}, with one level of braces inside (\boxed{\frac{1}{2}}).
    [GeneratedRegex(@"\\boxed\{(?<value>(?:[^{}]|\{[^{}]*\})*)\}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Boxed();
}
