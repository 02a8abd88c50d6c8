using System.Collections.Immutable;
using PatternEngine.Library;

namespace PatternEngine.Definitions.Loading;

/// <summary>
/// Finds, loads and checks the patterns a pattern includes, recursively: a built-in by name through the pattern
/// library, a file by its path relative to the including file. Each file is loaded once per load (and per depth),
/// an include cycle is reported with its chain, and so is nesting deeper than the limit. A problem in an included
/// file is reported at the including stage, naming the included file's own location.
/// </summary>
internal sealed class PatternIncludes(PatternLoadOptions options)
{
    private readonly PatternLibrary? _library = options.Library;
    private readonly Dictionary<(string Path, int Depth), (PatternDefinition? Definition, IReadOnlyList<Diagnostic> Diagnostics)> _loaded = [];

    /// <summary>The chain of files being loaded, outermost first: their full paths (for cycles) and how to show them.</summary>
    public sealed record Chain(ImmutableList<(string FullPath, string Shown)> Files)
    {
        public static Chain Start(string file) =>
            new([(IsFile(file) ? Path.GetFullPath(file) : file, file)]);

        public Chain Then(string fullPath, string shown) => new(Files.Add((fullPath, shown)));

        public string Describe(string last) => string.Join(" -> ", Files.Select(f => f.Shown).Append(last));
    }

    /// <summary>The pattern with every call it makes resolved; what could not be resolved is in the diagnostics.</summary>
    public PatternDefinition Resolve(PatternDefinition pattern, string file, Chain chain, List<Diagnostic> diagnostics)
    {
        var stages = pattern.Stages.Select(stage => stage.Includes is { Definition: null } call
            ? StageCalls.WithCall(stage, call with { Definition = Include(call, file, chain, diagnostics) })
            : stage);
        return pattern with { Stages = [.. stages] };
    }

    private PatternDefinition? Include(PatternCall call, string includingFile, Chain chain, List<Diagnostic> diagnostics)
    {
        var at = call.Source.Of("pattern");
        if (Locate(call.Pattern, includingFile, out var problem) is not { } path)
        {
            diagnostics.Add(new Diagnostic(at, problem!));
            return null;
        }

        var fullPath = Path.GetFullPath(path);
        var shown = Shown(fullPath);
        if (chain.Files.Any(f => string.Equals(f.FullPath, fullPath, StringComparison.Ordinal)))
        {
            diagnostics.Add(new Diagnostic(at, $"including '{call.Pattern}' makes a cycle: {chain.Describe(shown)}; a pattern may not include itself, directly or through others"));
            return null;
        }

        if (chain.Files.Count > options.MaxNestingDepth)
        {
            diagnostics.Add(new Diagnostic(at,
                $"patterns nest more than {options.MaxNestingDepth} levels deep: {chain.Describe(shown)}; flatten the chain (the limit keeps the calls of one run bounded)"));
            return null;
        }

        var key = (fullPath, chain.Files.Count);
        if (!_loaded.TryGetValue(key, out var loaded))
        {
            loaded = Load(fullPath, shown, chain.Then(fullPath, shown));
            _loaded[key] = loaded;
        }

        foreach (var diagnostic in loaded.Diagnostics)
        {
            diagnostics.Add(new Diagnostic(at, $"included pattern '{call.Pattern}' is invalid: {diagnostic}"));
        }

        return loaded.Diagnostics.Count == 0 ? loaded.Definition : null;
    }

    private (PatternDefinition?, IReadOnlyList<Diagnostic>) Load(string fullPath, string shown, Chain chain)
    {
        if (InputFileSize.Problem(fullPath, InputLimits.MaxYamlFileChars, "pattern file") is { } tooLarge)
        {
            return (null, [new Diagnostic(new SourceLocation(shown, 1, 1), tooLarge)]);
        }

        try
        {
            return (PatternFile.ParseWith(File.ReadAllText(fullPath), shown, this, chain), []);
        }
        catch (PatternFileException e)
        {
            return (null, e.Diagnostics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [new Diagnostic(new SourceLocation(shown, 1, 1), $"cannot read the pattern file: {e.Message}")]);
        }
    }

    // A name is a built-in pattern; a path (it ends in .yaml or has a /) is relative to the including file.
    private string? Locate(string pattern, string includingFile, out string? problem)
    {
        problem = null;
        if (pattern.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || pattern.Contains('/', StringComparison.Ordinal))
        {
            var folder = IsFile(includingFile) ? Path.GetDirectoryName(Path.GetFullPath(includingFile))! : Directory.GetCurrentDirectory();
            var path = Path.Combine(folder, pattern);
            if (File.Exists(path))
            {
                return path;
            }

            problem = $"no pattern file '{pattern}' (looked for {Shown(Path.GetFullPath(path))}); a path is relative to the including file";
            return null;
        }

        if (_library is null)
        {
            problem = $"pattern '{pattern}' is named, but no pattern library is given to find it in (PatternLoadOptions.Library); "
                + "a file is named by its path relative to this file (ending in .yaml)";
            return null;
        }

        var builtIn = Path.Combine(_library.Directory, pattern + ".yaml");
        if (File.Exists(builtIn))
        {
            return builtIn;
        }

        var known = string.Join(", ", _library.Names());
        problem = $"unknown pattern '{pattern}'; built-in patterns are {(known.Length == 0 ? "none (no library in " + _library.Directory + ")" : known)}, "
            + "and a file is named by its path relative to this file (ending in .yaml)";
        return null;
    }

    private static bool IsFile(string file) => File.Exists(file);

    private static string Shown(string fullPath)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }
}
