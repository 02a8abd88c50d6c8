using PatternEngine.Definitions;

namespace PatternEngine.Bench.Judging;

/// <summary>
/// The prompt a judge model grades an answer with: a Scriban template given <c>question</c>, <c>reference</c> and
/// <c>answer</c>, that asks for <c>{"correct": true|false, "reason": "..."}</c>. <see cref="Default"/> ships with the
/// engine (Judging/judge-rubric.scriban); <see cref="Load"/> reads one of your own.
/// </summary>
public sealed record JudgeRubric
{
    private const string ResourceName = "PatternEngine.judge-rubric.scriban";

    private JudgeRubric(string template, string source)
    {
        Template = template;
        Source = source;
    }

    /// <summary>The rubric shipped with the engine.</summary>
    public static JudgeRubric Default { get; } = new(ReadResource(), "judge-rubric.scriban");

    /// <summary>The template's text.</summary>
    public string Template { get; }

    /// <summary>Where the template came from: a file's path, or <c>judge-rubric.scriban</c> for the default.</summary>
    public string Source { get; }

    /// <summary>Reads a rubric file and checks that it parses as a Scriban template.</summary>
    /// <exception cref="PatternFileException">The file cannot be read, is too large, or does not parse (each error at its line and column).</exception>
    public static JudgeRubric Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (InputFileSize.Problem(path, InputLimits.MaxYamlFileChars, "rubric file") is { } tooLarge)
        {
            throw new PatternFileException([new Diagnostic(new SourceLocation(path, 1, 1), tooLarge)]);
        }

        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw new PatternFileException([new Diagnostic(new SourceLocation(path, 1, 1), $"cannot read the rubric file: {reason}")]);
        }
    }

    /// <summary>Checks rubric text (named <paramref name="source"/> in errors) as a Scriban template.</summary>
    /// <exception cref="PatternFileException">The text is empty or does not parse (each error at its line and column).</exception>
    public static JudgeRubric Parse(string template, string source = "<rubric>")
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(template))
        {
            throw new PatternFileException([new Diagnostic(new SourceLocation(source, 1, 1), "the rubric is empty; it is the prompt the judge grades with")]);
        }

        var parsed = Scriban.Template.Parse(template, source);
        if (parsed.HasErrors)
        {
            throw new PatternFileException([.. parsed.Messages
                .Where(m => m.Type == Scriban.Parsing.ParserMessageType.Error)
                .Select(m => new Diagnostic(new SourceLocation(source, m.Span.Start.Line + 1, m.Span.Start.Column + 1), m.Message))]);
        }

        return new JudgeRubric(template, source);
    }

    private static string ReadResource()
    {
        using var stream = typeof(JudgeRubric).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the resource {ResourceName} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
