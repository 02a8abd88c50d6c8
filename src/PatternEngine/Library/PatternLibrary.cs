using Microsoft.SemanticKernel;
using PatternEngine.Definitions;
using PatternEngine.Tools;

namespace PatternEngine.Library;

/// <summary>
/// A library of patterns: the <c>*.yaml</c> files of a folder, found by name (the built-in ones are the repository's
/// <c>patterns/</c>, which the <c>patterns</c> tool ships beside itself as <c>pattern-library/</c>).
/// </summary>
public sealed class PatternLibrary(string directory)
{
    /// <summary>The folder the library reads.</summary>
    public string Directory { get; } = directory;

    /// <summary>The tools the library's patterns use (<c>math</c>, and <c>facts</c> over the library's facts file).</summary>
    public IReadOnlyList<KernelPlugin> Tools() => BuiltInTools.Plugins(Directory);

    /// <summary>The patterns in the library, by name.</summary>
    public IReadOnlyList<PatternEntry> List() => !System.IO.Directory.Exists(Directory)
        ? []
        : [.. System.IO.Directory.EnumerateFiles(Directory, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => new PatternEntry(Path.GetFileNameWithoutExtension(path), path, Summary(this, path)))];

    /// <summary>The names of the library's patterns, in order, without loading them.</summary>
    public IReadOnlyList<string> Names() => !System.IO.Directory.Exists(Directory)
        ? []
        : [.. System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>Loads a pattern file, finding the built-in patterns it includes by name in this library.</summary>
    /// <exception cref="PatternFileException">The file is invalid, or includes one that is.</exception>
    public PatternDefinition Load(string path) => PatternFile.Load(path, new PatternLoadOptions { Library = this });

    /// <summary>A file path as it is when it exists or looks like a path; otherwise the library's pattern of that name.</summary>
    public string Resolve(string fileOrName)
    {
        ArgumentNullException.ThrowIfNull(fileOrName);
        if (File.Exists(fileOrName) || fileOrName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || fileOrName.Contains('/', StringComparison.Ordinal))
        {
            return fileOrName;
        }

        var candidate = Path.Combine(Directory, fileOrName + ".yaml");
        if (File.Exists(candidate))
        {
            return candidate;
        }

        var known = string.Join(", ", List().Select(e => e.Name));
        throw new PatternFileException([new Diagnostic(new SourceLocation(fileOrName, 1, 1),
            $"no pattern file or built-in pattern named '{fileOrName}'; built-in patterns: {(known.Length == 0 ? "none found in " + Directory : known)}")]);
    }

    private static string Summary(PatternLibrary library, string path)
    {
        try
        {
            var description = library.Load(path).Description.Trim();
            var firstLine = description.Split('\n')[0].Trim();
            return firstLine.Length == 0 ? "(no description)" : firstLine;
        }
        catch (PatternFileException e)
        {
            return "invalid: " + e.Diagnostics[0].Message;
        }
    }
}

/// <summary>A pattern of the library.</summary>
/// <param name="Name">Its name (the file name without <c>.yaml</c>).</param>
/// <param name="Path">Its file.</param>
/// <param name="Summary">The first line of its description.</param>
public sealed record PatternEntry(string Name, string Path, string Summary);
