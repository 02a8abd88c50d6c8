using PatternEngine.Models;

namespace PatternEngine.Cli.Defaults;

/// <summary>
/// Finds the GGUF model file to use when the caller names none, wherever the program runs: an installed tool finds
/// it in the user's models folder, a clone of the repository beside the shared models folder.
/// </summary>
internal static class DefaultModelFile
{
    /// <summary>The environment variable that overrides the default model file.</summary>
    public const string EnvironmentVariable = "PATTERNS_MODEL_FILE";

    /// <summary>The default model's file name, looked for in each default place.</summary>
    public const string FileName = "stories260K.gguf";

    // Relative to the repository root: the shared folder sits beside the repository.
    private static readonly string[] SharedFromRoot = ["..", "shared", "models", FileName];

    /// <summary>
    /// The full path of the model file, from the first of: <paramref name="explicitPath"/> (<c>--model-file</c>); the
    /// <c>PATTERNS_MODEL_FILE</c> environment variable; <c>stories260K.gguf</c> in the user's models folder
    /// (<see cref="UserFolder.Models"/>) when it is there; <c>../shared/models/stories260K.gguf</c> beside the
    /// repository the current directory, else the program, is in, when it is there. A path given by the first two is
    /// returned as it is (<see cref="Models.Local.GgufModel.Load"/> says when it is missing).
    /// </summary>
    /// <param name="explicitPath">A path the user gave, such as a --model-file option.</param>
    /// <returns>An absolute path.</returns>
    /// <exception cref="ModelFileException">No path is given and no default place holds the file; the message names every place looked.</exception>
    public static string Resolve(string? explicitPath = null) =>
        Resolve(
            explicitPath,
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            Environment.CurrentDirectory,
            AppContext.BaseDirectory,
            UserFolder.Models);

    // The environment and directories are parameters so tests need not change process state.
    internal static string Resolve(
        string? explicitPath, string? environmentValue, string currentDirectory, string baseDirectory, string userModels)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath, currentDirectory);
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return Path.GetFullPath(environmentValue, currentDirectory);
        }

        var looked = new List<string> { "--model-file (not given)", $"${EnvironmentVariable} (not set)" };
        var places = new[] { Path.GetFullPath(Path.Combine(userModels, FileName)) }
            .Concat(new[] { currentDirectory, baseDirectory }
                .Select(RepositoryRoot.Find)
                .OfType<string>()
                .Select(root => Path.GetFullPath(Path.Combine([root, .. SharedFromRoot]))))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var place in places)
        {
            if (File.Exists(place))
            {
                return place;
            }

            looked.Add(place + " (no such file)");
        }

        if (places.Count == 1)
        {
            looked.Add("../shared/models beside the repository (neither the current folder nor the program is in one)");
        }

        throw new ModelFileException(
            $"no model file found; looked at {string.Join(", ", looked)}. Put {FileName} in {userModels}, or point --model-file or ${EnvironmentVariable} at a GGUF file");
    }
}
