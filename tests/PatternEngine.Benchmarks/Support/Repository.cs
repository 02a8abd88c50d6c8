using PatternEngine.Definitions;
using PatternEngine.Library;

namespace PatternEngine.Benchmarks.Support;

/// <summary>Files of the repository the benchmarks run in (BenchmarkDotNet runs them from a folder under bin/).</summary>
public static class Repository
{
    /// <summary>The question every benchmark asks.</summary>
    public static IReadOnlyDictionary<string, string> Inputs { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["question"] = "What is six times seven?",
    };

    /// <summary>The folder holding PatternEngine.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The embedded model's file: <c>PATTERNS_MODEL_FILE</c>, else <c>../shared/models/stories260K.gguf</c> beside the repository.</summary>
    public static string ModelFile =>
        Environment.GetEnvironmentVariable("PATTERNS_MODEL_FILE") is { Length: > 0 } file ? file : Path.GetFullPath(Path.Combine(Root, "..", "shared", "models", "stories260K.gguf"));

    /// <summary>The file of a built-in pattern.</summary>
    public static string PatternPath(string name) => Path.Combine(Root, "patterns", name + ".yaml");

    /// <summary>How a pattern finds the built-ins it includes: in this repository's library, wherever the benchmark runs.</summary>
    public static PatternLoadOptions Library { get; } = new() { Library = new PatternLibrary(Path.Combine(Root, "patterns")) };

    /// <summary>A built-in pattern, loaded with the patterns it includes.</summary>
    public static PatternDefinition Load(string name) => PatternFile.Load(PatternPath(name), Library);

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PatternEngine.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("the benchmarks run outside the repository: no PatternEngine.sln above " + AppContext.BaseDirectory);
    }
}
