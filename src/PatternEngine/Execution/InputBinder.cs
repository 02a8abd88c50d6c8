using System.Globalization;
using System.Text.Json;
using PatternEngine.Definitions;

namespace PatternEngine.Execution;

/// <summary>Checks a run's inputs against the pattern's declarations and converts them to their types.</summary>
internal static class InputBinder
{
    public static IReadOnlyDictionary<string, StageValue> Bind(PatternDefinition pattern, IReadOnlyDictionary<string, string> given)
    {
        var declared = pattern.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var name in given.Keys.Where(n => !declared.ContainsKey(n)))
        {
            var known = declared.Count == 0 ? "it takes none" : "it takes " + string.Join(", ", declared.Keys);
            throw new PatternInputException($"pattern '{pattern.Name}' has no input '{name}'; {known}");
        }

        var bound = new Dictionary<string, StageValue>(StringComparer.Ordinal);
        foreach (var input in pattern.Inputs)
        {
            var text = given.TryGetValue(input.Name, out var value) ? value : input.Default;
            if (text is null)
            {
                if (input.Required)
                {
                    throw new PatternInputException($"pattern '{pattern.Name}' needs input '{input.Name}' ({input.Description}); pass --input {input.Name}=...");
                }

                text = "";
            }

            bound[input.Name] = Convert(input, text);
        }

        return bound;
    }

    private static StageValue Convert(InputDefinition input, string text) => input.Type switch
    {
        InputType.Number when !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) =>
            throw new PatternInputException($"input '{input.Name}' must be a number, not '{text}'"),
        InputType.Boolean when !bool.TryParse(text, out _) =>
            throw new PatternInputException($"input '{input.Name}' must be true or false, not '{text}'"),
        InputType.List => StageValue.List(ParseList(input, text)),
        _ => StageValue.Of(text),
    };

    // A list is a JSON array of strings, or one item per line.
    private static IEnumerable<string?> ParseList(InputDefinition input, string text)
    {
        if (!text.TrimStart().StartsWith('['))
        {
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        try
        {
            return JsonSerializer.Deserialize<List<string?>>(text) ?? [];
        }
        catch (JsonException e)
        {
            throw new PatternInputException($"input '{input.Name}' is not a JSON array of strings: {e.Message}");
        }
    }
}
