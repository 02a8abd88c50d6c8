using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Schemas;

namespace PatternEngine.Compilation;

/// <summary>
/// Turns an answer into a stage value: JSON parsed and checked against the output schema, then the extraction.
/// Built once per prompt at compile time. Never throws on what a model says: an answer that cannot be parsed, that
/// a regex or the schema check cannot finish with in its limits (<see cref="InputLimits"/>), returns the issue instead.
/// </summary>
internal sealed class AnswerParser
{
    private readonly AnswerSchema? _schema;
    private readonly Regex? _regex;
    private readonly string? _jsonPath;
    private readonly bool _finalAnswer;

    public AnswerParser(PromptSpec spec)
    {
        _schema = spec.OutputSchema is { } schema ? AnswerSchema.For(schema) : null;
        _regex = spec.Extract?.Regex is { } regex ? new Regex(regex, RegexOptions.None, InputLimits.RegexTimeout) : null;
        _jsonPath = spec.Extract?.JsonPath;
        _finalAnswer = spec.Extract?.FinalAnswer == true;
    }

    public bool ExpectsJson => _schema is not null || _jsonPath is not null;

    public ParsedAnswer Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(text, StageValue.None, "the model answered with empty text");
        }

        return ExpectsJson ? ParseJson(text) : ParseText(text);
    }

    private ParsedAnswer ParseText(string text) => _regex is null && !_finalAnswer ? new(text, StageValue.Of(text.Trim()), null) : Extract(text, text);

    // The extraction runs on the answer, or on the JSON value the schema check let through.
    private ParsedAnswer Extract(string answer, string text)
    {
        if (_finalAnswer)
        {
            try
            {
                return FinalAnswer.Extract(text) is { } final
                    ? new(answer, StageValue.Of(final), null)
                    : new(answer, StageValue.None, "the answer holds no final answer");
            }
            catch (RegexMatchTimeoutException)
            {
                return new(answer, StageValue.None, $"reading the final answer ran longer than {InputLimits.RegexTimeout.TotalSeconds:0.#} s on the answer");
            }
        }

        Match match;
        try
        {
            match = _regex!.Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return new(answer, StageValue.None, $"the extraction regex '{_regex}' ran longer than {InputLimits.RegexTimeout.TotalSeconds:0.#} s on the answer");
        }

        if (!match.Success)
        {
            return new(answer, StageValue.None, $"no match for the extraction regex '{_regex}'");
        }

        var value = match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
        return new(answer, StageValue.Of(value.Trim()), null);
    }

    private ParsedAnswer ParseJson(string text)
    {
        if (text.Length > InputLimits.MaxJsonAnswerChars)
        {
            return new(text, StageValue.None, $"the answer has {text.Length:N0} characters; answers over {InputLimits.MaxJsonAnswerChars:N0} are not read as JSON");
        }

        if (JsonText.TryParse(text) is not { } json)
        {
            return new(text, StageValue.None, "the answer is not valid JSON");
        }

        if (_schema?.Check(json, "the output schema") is { } problem)
        {
            return new(text, StageValue.None, "the answer " + problem);
        }

        var selected = json;
        if (_jsonPath is not null)
        {
            var (found, pathProblem) = AnswerJsonPath.Select(json, _jsonPath);
            if (found is null)
            {
                return new(text, StageValue.None, pathProblem ?? $"the JSON path '{_jsonPath}' matched nothing in the answer");
            }

            selected = found;
        }

        var value = ToValue(selected);
        return _regex is null && !_finalAnswer ? new(text, value, null) : Extract(text, value.AsItem() ?? "");
    }

    private static StageValue ToValue(JToken token) => token switch
    {
        JArray array => StageValue.List(array.Select(ToText)),
        _ => StageValue.Of(ToText(token)),
    };

    private static string ToText(JToken token) => token is JValue { Value: string text } ? text : token.ToString(Formatting.None);
}
