namespace PatternEngine.Cli.Defaults;

/// <summary>Finds the repository a directory is in: the nearest ancestor holding <c>PatternEngine.sln</c>.</summary>
internal static class RepositoryRoot
{
    public const string SolutionFile = "PatternEngine.sln";

    /// <summary>The repository root at or above <paramref name="start"/>, or null outside a repository.</summary>
    public static string? Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
