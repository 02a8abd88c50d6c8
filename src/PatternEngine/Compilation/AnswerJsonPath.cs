using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PatternEngine.Compilation;

/// <summary>
/// An <c>extract.json_path</c>: checked once when a file is validated, then selected from each answer with the regexes
/// of its filters (<c>=~ /.../</c>) under <see cref="InputLimits.RegexTimeout"/>.
/// </summary>
internal static class AnswerJsonPath
{
    private static readonly JsonSelectSettings Settings = new() { RegexMatchTimeout = InputLimits.RegexTimeout };

    /// <summary>Why the path cannot be used, or null when it can.</summary>
    public static string? Problem(string path)
    {
        try
        {
            _ = new JObject().SelectToken(path, Settings);
            return null;
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    /// <summary>What the path selects in <paramref name="json"/> (null for nothing), or why it could not select.</summary>
    public static (JToken? Selected, string? Problem) Select(JToken json, string path)
    {
        try
        {
            return (json.SelectToken(path, Settings), null);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return (null, $"a regex in the JSON path '{path}' ran longer than {InputLimits.RegexTimeout.TotalSeconds:0.#} s on the answer");
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or ArgumentException or InvalidOperationException or InvalidCastException)
        {
            return (null, $"the JSON path '{path}' could not be applied to the answer: {e.Message}");
        }
    }
}
