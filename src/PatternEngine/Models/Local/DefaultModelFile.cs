namespace PatternEngine.Models.Local;

/// <summary>Finds the GGUF model file to use when the caller names none.</summary>
public static class DefaultModelFile
{
    /// <summary>The environment variable that overrides the default model file.</summary>
    public const string EnvironmentVariable = "PATTERNS_MODEL_FILE";


    // Relative to the repository root: the shared folder sits beside the repository.
    private static readonly string[] DefaultFromRoot = ["..", "shared", "models", "stories260K.gguf"];

    /// <summary>
    /// The full path of the model file: <paramref name="explicitPath"/> if given, else the
    /// PATTERNS_MODEL_FILE environment variable if set, else <c>../shared/models/stories260K.gguf</c>
    /// from the repository root (found upward from the current directory, then from the
    /// application's base directory), else that relative path from the current directory.
    /// The file's existence is not checked; <see cref="GgufModel.Load"/> does that.
    /// </summary>
    /// <param name="explicitPath">A path the user gave, such as a --model-file option.</param>
    /// <returns>An absolute path.</returns>
    public static string Resolve(string? explicitPath = null) =>
        Resolve(
            explicitPath,
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            Environment.CurrentDirectory,
            AppContext.BaseDirectory);

    // The environment and directories are parameters so tests need not change process state.
    internal static string Resolve(
        string? explicitPath, string? environmentValue, string currentDirectory, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath, currentDirectory);
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return Path.GetFullPath(environmentValue, currentDirectory);
        }

        var root = RepositoryRoot.Find(currentDirectory) ?? RepositoryRoot.Find(baseDirectory) ?? currentDirectory;
        return Path.GetFullPath(Path.Combine([root, .. DefaultFromRoot]));
    }
}
