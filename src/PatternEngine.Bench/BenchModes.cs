using PatternEngine.Definitions;

namespace PatternEngine.Bench;

/// <summary>A bench's mode (<see cref="BenchOptions.Mode"/>) applied to its entries.</summary>
internal static class BenchModes
{
    /// <summary>
    /// The entries in <paramref name="mode"/>: every measured pattern must declare it (a bench that silently ran one as
    /// written would compare modes it was not asked to); the baseline (first) runs in it when it declares it.
    /// </summary>
    /// <exception cref="PatternFileException">A measured pattern declares no such mode (located at its <c>modes:</c>).</exception>
    public static List<BenchEntry> Apply(List<BenchEntry> entries, string? mode)
    {
        if (mode is null)
        {
            return entries;
        }

        return [.. entries.Select((entry, index) => index == 0 && !entry.Pattern.Definition.Modes.ContainsKey(mode)
            ? entry
            : entry with { Pattern = entry.Pattern.WithMode(mode) })];
    }
}
