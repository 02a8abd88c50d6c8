using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Library;

namespace PatternEngine.Tests.Support;

/// <summary>Short ways to write, compile and run patterns in tests.</summary>
public static class Patterns
{
    /// <summary>The repository's pattern library, where tests find the built-ins patterns include by name.</summary>
    public static PatternLibrary BuiltIns { get; } = new(Path.Combine(RepositoryRoot(), "patterns"));

    /// <summary>How tests load patterns: included built-ins are found in <see cref="BuiltIns"/>.</summary>
    public static PatternLoadOptions WithBuiltIns { get; } = new() { Library = BuiltIns };

    public static PatternDefinition Parse(string yaml) => PatternFile.Parse(yaml, "test.yaml", WithBuiltIns);

    /// <summary>A pattern of one prompt stage, <c>answer</c>, that sends <paramref name="prompt"/>.</summary>
    public static PatternDefinition OneCall(string prompt = "Capital of France?") => Parse($$"""
        name: one
        version: 1.0.0
        stages:
          - { id: answer, kind: prompt, template: "{{prompt}}" }
        output: answer
        """);

    /// <summary>A pattern named <paramref name="name"/> of one prompt stage, <c>answer</c>, that sends its <c>question</c> input.</summary>
    public static PatternDefinition AskQuestion(string name) => Parse($$$"""
        name: {{{name}}}
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }}"
        output: answer
        """);

    public static IReadOnlyList<Diagnostic> Diagnose(string yaml)
    {
        var error = Assert.Throws<PatternFileException>(() => PatternFile.Parse(yaml, "test.yaml", WithBuiltIns));
        return error.Diagnostics;
    }

    public static CompiledPattern Compile(string yaml, ScriptedChatClient model, Action<PatternEngineBuilder>? configure = null) =>
        Engines.For(model, configure).Compile(Parse(yaml));

    public static Task<RunRecord> RunAsync(string yaml, ScriptedChatClient model, params (string Name, string Value)[] inputs) =>
        Compile(yaml, model).RunAsync(inputs.ToDictionary(i => i.Name, i => i.Value));

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PatternEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the tests run outside the repository");
    }
}
