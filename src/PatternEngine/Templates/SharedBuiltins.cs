using Scriban.Functions;
using Scriban.Runtime;

namespace PatternEngine.Templates;

/// <summary>
/// One read-only set of Scriban's built-in functions for every render. Scriban builds them afresh for every
/// context unless given them (about 50 KB a render); frozen, no template can leave anything in them for the next.
/// </summary>
internal static class SharedBuiltins
{
    public static BuiltinFunctions Instance { get; } = Freeze(new BuiltinFunctions());

    private static BuiltinFunctions Freeze(BuiltinFunctions builtins)
    {
        foreach (var value in builtins.Values)
        {
            if (value is ScriptObject nested)
            {
                nested.IsReadOnly = true;
            }
        }

        builtins.IsReadOnly = true;
        return builtins;
    }
}
