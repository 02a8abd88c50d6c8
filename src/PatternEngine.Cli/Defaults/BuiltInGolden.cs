namespace PatternEngine.Cli.Defaults;

/// <summary>
/// The golden files the tool finds by name (<c>--golden prompt-injection</c>): those shipped beside the program
/// (<c>golden-library/</c>, where an installed tool has them), else the <c>golden/</c> folder of the repository the
/// current folder is in, as <see cref="BuiltInLibrary"/> finds the built-in patterns.
/// </summary>
internal static class BuiltInGolden
{
    /// <summary>The folder the built-in golden files are read from.</summary>
    public static string Directory { get; } = FindDirectory();

    /// <summary>A path as it is when it exists or looks like one; otherwise the built-in golden file of that name, if there is one.</summary>
    public static string Resolve(string fileOrName)
    {
        if (File.Exists(fileOrName) || fileOrName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || fileOrName.IndexOfAny(['/', '\\']) >= 0)
        {
            return fileOrName;
        }

        var candidate = Path.Combine(Directory, fileOrName + ".jsonl");
        return File.Exists(candidate) ? candidate : fileOrName; // a name that is neither is the reader's to report missing
    }

    private static string FindDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "golden-library");
        if (System.IO.Directory.Exists(beside))
        {
            return beside;
        }

        return RepositoryRoot.Find(System.IO.Directory.GetCurrentDirectory()) is { } root ? Path.Combine(root, "golden") : beside;
    }
}
