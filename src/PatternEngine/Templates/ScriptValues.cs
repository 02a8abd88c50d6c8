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
}
