namespace PatternEngine;

/// <summary>
/// Where a user keeps what the engine reads for them wherever it runs: their own model catalog
/// (<c>catalog.yaml</c>) and model files (<c>models/</c>). <c>$PATTERNS_HOME</c>, else <c>.patterns</c> in the home folder.
/// </summary>
public static class UserFolder
{
    /// <summary>The environment variable that moves the folder.</summary>
    public const string EnvironmentVariable = "PATTERNS_HOME";

    /// <summary>The folder's full path (it need not exist).</summary>
    public static string Path => Resolve(
        Environment.GetEnvironmentVariable(EnvironmentVariable), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The folder of the user's model files.</summary>
    public static string Models => System.IO.Path.Combine(Path, "models");

    // The environment and home are parameters so tests need not change process state.
    internal static string Resolve(string? environmentValue, string home) =>
        !string.IsNullOrWhiteSpace(environmentValue)
            ? System.IO.Path.GetFullPath(environmentValue)
            : System.IO.Path.Combine(home, ".patterns");
}
