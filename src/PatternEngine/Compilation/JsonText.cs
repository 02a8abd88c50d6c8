using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PatternEngine.Compilation;

/// <summary>Finds the JSON in a model's answer: the whole text, a fenced block, or the outermost braces or brackets.</summary>
internal static class JsonText
{
    public static JToken? TryParse(string text)
    {
        foreach (var candidate in Candidates(text))
        {
            try
            {
                return JToken.Parse(candidate);
            }
            catch (JsonException)
            {
                // try the next way of finding it
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates(string text)
    {
        var trimmed = text.Trim();
        yield return trimmed;
        var fence = trimmed.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var start = trimmed.IndexOf('\n', fence);
            var end = trimmed.IndexOf("```", start < 0 ? fence + 3 : start, StringComparison.Ordinal);
            if (start >= 0 && end > start)
            {
                yield return trimmed[start..end];
            }
        }

        foreach (var (open, close) in new[] { ('{', '}'), ('[', ']') })
        {
            var first = trimmed.IndexOf(open);
            var last = trimmed.LastIndexOf(close);
            if (first >= 0 && last > first)
            {
                yield return trimmed[first..(last + 1)];
            }
        }
    }
}
