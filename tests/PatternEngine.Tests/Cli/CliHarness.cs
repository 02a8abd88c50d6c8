using System.Text.RegularExpressions;
using PatternEngine.Cli;

namespace PatternEngine.Tests.Cli;

/// <summary>What one <c>patterns</c> command did: its exit code and everything it wrote.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs the command line in-process, with string writers for standard output and error.</summary>
internal static partial class CliHarness
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public static async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, cancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the command with <paramref name="environment"/> as the environment its telemetry settings come from.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, environment, cancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the command and checks that it exits 0, showing everything it wrote when it does not.</summary>
    public static async Task<CliResult> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>A <c>file:line:column: message</c> line.</summary>
    [GeneratedRegex(@"^(?<file>.+):(?<line>\d+):(?<column>\d+): (?<message>\S.*)$")]
    public static partial Regex DiagnosticLine();

    /// <summary>Exit 2, a short standard error without a stack trace, and nothing on standard output.</summary>
    public static void AssertInvalidInput(CliResult result)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        AssertNoStackTrace(result);
        Assert.True(result.Out.Length == 0, result.ToString());
    }

    /// <summary>Exactly one line on standard error, starting with <c>error:</c>.</summary>
    public static string AssertOneErrorLine(CliResult result)
    {
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        return line;
    }

    public static void AssertNoStackTrace(CliResult result)
    {
        Assert.True(result.Error.Length > 0, result.ToString());
        Assert.True(result.Error.Length < 1000, result.ToString());
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", result.Error, StringComparison.Ordinal);
    }
}

/// <summary>A temporary folder for pattern files, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "patterns-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Pattern files the command-line tests write.</summary>
internal static class CliPatterns
{
    public const string Valid = """
        name: demo
        version: 1.0.0
        description: A demo.
        inputs:
          question: { type: string, required: true }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }}"
            max_tokens: 8
        output: answer
        """;

    /// <summary>Valid, sampling at a high temperature so that the seed matters.</summary>
    public const string Sampled = """
        name: sampled
        version: 1.0.0
        inputs:
          question: { type: string, required: true }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }}"
            max_tokens: 24
            temperature: 1.5
        output: answer
        """;

    /// <summary>An unknown field on line 9, column 5.</summary>
    public const string UnknownField = """
        name: demo
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }}"
            colour: red
        output: answer
        """;

    /// <summary>Two problems: an undeclared variable (line 7) and an output naming no stage (line 8).</summary>
    public const string TwoProblems = """
        name: demo
        version: 1.0.0
        inputs: {}
        stages:
          - id: answer
            kind: prompt
            template: "{{ nowhere }}"
        output: missing
        """;
}
