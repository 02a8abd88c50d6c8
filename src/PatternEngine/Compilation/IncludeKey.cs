using PatternEngine.Definitions;

namespace PatternEngine.Compilation;

/// <summary>
/// What makes two compiled includes the same within one compilation: the same included definition (the same
/// object: a file is loaded once per load) run with the same overrides (models, temperature).
/// </summary>
internal static class IncludeKey
{
    public static IEqualityComparer<(PatternDefinition Definition, string Models)> Comparer { get; } = new KeyComparer();

    /// <summary>The call's overrides in a canonical form.</summary>
    public static string Of(PatternCall call) =>
        string.Join("\n", call.Models.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key + "=" + m.Value))
        + "\ntemperature=" + call.Temperature?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class KeyComparer : IEqualityComparer<(PatternDefinition Definition, string Models)>
    {
        public bool Equals((PatternDefinition Definition, string Models) x, (PatternDefinition Definition, string Models) y) =>
            ReferenceEquals(x.Definition, y.Definition) && string.Equals(x.Models, y.Models, StringComparison.Ordinal);

        public int GetHashCode((PatternDefinition Definition, string Models) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Definition), StringComparer.Ordinal.GetHashCode(key.Models));
    }
}
