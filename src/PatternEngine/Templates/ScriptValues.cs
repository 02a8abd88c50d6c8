using System.Collections;
using Scriban.Runtime;

namespace PatternEngine.Templates;

/// <summary>Values as Scriban sees them: plain data (text, numbers, lists of them), nothing a script could call into.</summary>
internal static class ScriptValues
{
    public static object? From(object? value) => value switch
    {
        null or string or bool or int or long or double or decimal => value,
        IEnumerable items => new ScriptArray(items.Cast<object?>().Select(From)),
        _ => value.ToString(),
    };

    /// <summary>JSON (a stage's details) as Scriban values: objects as script objects, arrays as script arrays, numbers as doubles.</summary>
    public static object? FromJson(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject json:
                var fields = new Scriban.Runtime.ScriptObject(StringComparer.Ordinal);
                foreach (var (name, value) in json)
                {
                    fields.SetValue(name, FromJson(value), readOnly: true);
                }

                return fields;
            case System.Text.Json.Nodes.JsonArray array:
                return new Scriban.Runtime.ScriptArray(array.Select(FromJson));
            case System.Text.Json.Nodes.JsonValue value when value.TryGetValue<bool>(out var truth):
                return truth;
            case System.Text.Json.Nodes.JsonValue value when value.TryGetValue<double>(out var number):
                return number;
            default:
                return node?.ToString();
        }
    }
}
