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
                return Parse(candidate);
            }
            catch (JsonException)
            {
                // try the next way of finding it
            }
        }

        return null;
    }

    // Strings stay as the model wrote them: no date parsing, which would rewrite times into this machine's zone.
    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = InputLimits.MaxJsonDepth };
        var token = JToken.ReadFrom(reader);
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
            {
                throw new JsonReaderException("additional text after the JSON value");
            }
        }

        return token;
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
