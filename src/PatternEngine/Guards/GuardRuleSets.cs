using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PatternEngine.Guards;

/// <summary>
/// The rule sets a guard's local rules name in <c>rules:</c>: <c>prompt-injection</c> (every family), or one family
/// of it (<c>prompt-injection/exfiltration</c>, ...). A match is reported under the family's name.
/// </summary>
public static class GuardRuleSets
{
    /// <summary>Every name <c>rules:</c> accepts.</summary>
    public static ImmutableArray<string> Names { get; } =
        [PromptInjectionRules.SetName, .. PromptInjectionRules.All.Select(r => r.Name)];

    /// <summary>The named rules of a set (all of them for the set's name, one for a family's); empty for an unknown name.</summary>
    internal static IEnumerable<(string Name, Regex Regex)> Of(string name) =>
        PromptInjectionRules.All.Where(r => name == PromptInjectionRules.SetName || r.Name == name);
}
