using PatternEngine.Definitions;
using PatternEngine.Library;

namespace PatternEngine.Cli.Defaults;

/// <summary>
/// The built-in patterns the tool runs by name: the library shipped beside the program (<c>pattern-library/</c> next
/// to it, where an installed tool has it), else the <c>patterns/</c> folder of the repository the current folder is in.
/// The library itself never looks for folders; this is the tool's choice.
/// </summary>
internal static class BuiltInLibrary
{
    /// <summary>The library.</summary>
    public static PatternLibrary Instance { get; } = new(FindDirectory());

    /// <summary>How the tool loads pattern files: included built-ins are found in <see cref="Instance"/>.</summary>
    public static PatternLoadOptions LoadOptions { get; } = new() { Library = Instance };

    private static string FindDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "pattern-library");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        return RepositoryRoot.Find(Directory.GetCurrentDirectory()) is { } root ? Path.Combine(root, "patterns") : beside;
    }
}
