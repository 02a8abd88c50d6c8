using PatternEngine.Definitions.Loading;
using PatternEngine.Definitions.Validation;

namespace PatternEngine.Definitions;

/// <summary>
/// Reads pattern files: YAML, checked against the file-format schema and then semantically, with the patterns they
/// include found, loaded and checked too.
/// </summary>
public static class PatternFile
{
    /// <summary>The file format's JSON Schema, for editors and tools.</summary>
    public static string JsonSchema => FileFormatSchema.Text;

    /// <summary>Reads and checks a pattern file and the patterns it includes.</summary>
    /// <exception cref="PatternFileException">The file is missing or invalid, or includes one that is; every diagnostic is attached.</exception>
    public static PatternDefinition Load(string path, PatternLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (InputFileSize.Problem(path, InputLimits.MaxYamlFileChars, "pattern file") is { } tooLarge)
        {
            throw new PatternFileException([new Diagnostic(new SourceLocation(path, 1, 1), tooLarge)]);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw new PatternFileException([new Diagnostic(new SourceLocation(path, 1, 1), $"cannot read the pattern file: {reason}")]);
        }

        return Parse(text, path, options);
    }

    /// <summary>
    /// Reads and checks pattern text; <paramref name="file"/> names it in diagnostics, and included files are found
    /// relative to it (to the current directory when it names no file).
    /// </summary>
    /// <exception cref="PatternFileException">The text is invalid; every diagnostic is attached.</exception>
    public static PatternDefinition Parse(string yaml, string file = "<pattern>", PatternLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        return ParseWith(yaml, file, new PatternIncludes(options ?? new PatternLoadOptions()), PatternIncludes.Chain.Start(file));
    }

    /// <summary>
    /// Finds and loads the patterns a definition built in code includes and has not resolved yet (built-ins by name,
    /// files relative to the file its source names, else the current directory), and checks them.
    /// </summary>
    /// <exception cref="PatternFileException">An included pattern is unknown, invalid, or makes a cycle.</exception>
    public static PatternDefinition ResolveIncludes(PatternDefinition definition, PatternLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!definition.Stages.Any(s => s.Includes is { Definition: null }))
        {
            return definition;
        }

        var file = definition.Source.Start.File;
        var diagnostics = new List<Diagnostic>();
        var resolved = new PatternIncludes(options ?? new PatternLoadOptions()).Resolve(definition, file, PatternIncludes.Chain.Start(file), diagnostics);
        return diagnostics.Count > 0 ? throw new PatternFileException(diagnostics) : resolved;
    }

    /// <summary>Every problem in a pattern file and the patterns it includes, or none.</summary>
    public static IReadOnlyList<Diagnostic> Check(string path, PatternLoadOptions? options = null)
    {
        try
        {
            _ = Load(path, options);
            return [];
        }
        catch (PatternFileException e)
        {
            return e.Diagnostics;
        }
    }

    internal static PatternDefinition ParseWith(string yaml, string file, PatternIncludes includes, PatternIncludes.Chain chain)
    {
        var document = YamlToJson.Read(yaml, file);
        var schemaErrors = FileFormatSchema.Validate(document);
        if (schemaErrors.Count > 0)
        {
            throw new PatternFileException(schemaErrors);
        }

        var diagnostics = new List<Diagnostic>();
        var pattern = includes.Resolve(DefinitionMapper.Map(document), file, chain, diagnostics);
        diagnostics.AddRange(PatternValidator.Validate(pattern, TemplateLocator.ForText(yaml)));
        return diagnostics.Count > 0
            ? throw new PatternFileException([.. diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column)])
            : pattern;
    }
}
