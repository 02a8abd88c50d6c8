using PatternEngine.Definitions;

namespace PatternEngine.Execution;

/// <summary>Checks a run's inputs against the pattern's declarations and converts them to their types.</summary>
internal static class InputBinder
{
    /// <summary>Inputs given as text (the command line, a golden file, C#); defaults fill the rest.</summary>
    public static IReadOnlyDictionary<string, StageValue> Bind(PatternDefinition pattern, IReadOnlyDictionary<string, string> given) =>
        Bind(pattern, given, (input, text) => InputValues.FromText(input.Type, text, out var problem)
            ?? throw new PatternInputException($"input '{input.Name}' {problem}"));

    /// <summary>
    /// Inputs an including pattern's bindings already typed; defaults fill the rest. Validation has checked that
    /// every required input is bound, so a missing one here is a definition built in code.
    /// </summary>
    public static IReadOnlyDictionary<string, StageValue> BindValues(PatternDefinition pattern, IReadOnlyDictionary<string, StageValue> given) =>
        Bind(pattern, given, (_, value) => value);

    private static Dictionary<string, StageValue> Bind<T>(PatternDefinition pattern, IReadOnlyDictionary<string, T> given, Func<InputDefinition, T, StageValue> convert)
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
            if (given.TryGetValue(input.Name, out var value))
            {
                bound[input.Name] = convert(input, value);
                continue;
            }

            if (input.Default is null && input.Required)
            {
                throw new PatternInputException($"pattern '{pattern.Name}' needs input '{input.Name}' ({input.Description}); pass --input {input.Name}=...");
            }

            // A default is text in the file, typed like a value given on the command line, so that both render alike.
            bound[input.Name] = input.Default is { } text
                ? InputValues.FromText(input.Type, text, out var problem) ?? throw new PatternInputException($"the default of input '{input.Name}' {problem}")
                : Omitted(input.Type);
        }

        return bound;
    }

    // An optional input nobody gave and without a default: empty text, an empty list, false, or no number at all.
    private static StageValue Omitted(InputType type) => type switch
    {
        InputType.List => StageValue.List([]),
        InputType.Boolean => StageValue.Of(false),
        InputType.Number => StageValue.None,
        _ => StageValue.Of(""),
    };
}
