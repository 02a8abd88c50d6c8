using PatternEngine.Definitions.Loading;
using PatternEngine.Definitions.Validation;

namespace PatternEngine.Definitions;

/// <summary>Reads pattern files: YAML, checked against the file-format schema and then semantically.</summary>
public static class PatternFile
{
    /// <summary>The file format's JSON Schema, for editors and tools.</summary>
    public static string JsonSchema => FileFormatSchema.Text;

    /// <summary>Reads and checks a pattern file.</summary>
    /// <exception cref="PatternFileException">The file is missing or invalid; every diagnostic is attached.</exception>
    public static PatternDefinition Load(string path)
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

        return Parse(text, path);
    }

    /// <summary>Reads and checks pattern text; <paramref name="file"/> names it in diagnostics.</summary>
    /// <exception cref="PatternFileException">The text is invalid; every diagnostic is attached.</exception>
    public static PatternDefinition Parse(string yaml, string file = "<pattern>")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var document = YamlToJson.Read(yaml, file);
        var schemaErrors = FileFormatSchema.Validate(document);
        if (schemaErrors.Count > 0)
        {
            throw new PatternFileException(schemaErrors);
        }

        var pattern = DefinitionMapper.Map(document);
        var semanticErrors = PatternValidator.Validate(pattern, TemplateLocator.ForText(yaml));
        return semanticErrors.Count > 0 ? throw new PatternFileException(semanticErrors) : pattern;
    }

    /// <summary>Every problem in a pattern file, or none.</summary>
    public static IReadOnlyList<Diagnostic> Check(string path)
    {
        try
        {
            _ = Load(path);
            return [];
        }
        catch (PatternFileException e)
        {
            return e.Diagnostics;
        }
    }
}
