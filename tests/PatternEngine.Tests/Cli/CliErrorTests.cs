using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Cli;

/// <summary>
/// Invalid input exits 2 with one short line on standard error, never a stack trace. Some of these load the model
/// before failing (the run command loads it before checking inputs), so they share the model collection.
/// </summary>
[Collection(LocalModelCollection.Name)]
public sealed class CliErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_missing_required_input_exits_2_and_names_the_input()
    {
        var result = await CliHarness.RunAsync("run", "baseline");

        CliHarness.AssertInvalidInput(result);
        var line = CliHarness.AssertOneErrorLine(result);
        Assert.Contains("'question'", line, StringComparison.Ordinal);
        Assert.Contains("--input question=", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_the_pattern_does_not_declare_exits_2_and_names_it()
    {
        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=x", "--input", "colour=red");

        CliHarness.AssertInvalidInput(result);
        var line = CliHarness.AssertOneErrorLine(result);
        Assert.Contains("'colour'", line, StringComparison.Ordinal);
        Assert.Contains("question", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("question")]
    [InlineData("")]
    public async Task An_input_without_an_equals_sign_exits_2(string input)
    {
        var result = await CliHarness.RunAsync("run", "baseline", "--input", input);

        CliHarness.AssertInvalidInput(result);
        var line = CliHarness.AssertOneErrorLine(result);
        Assert.Contains("name=value", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_exits_2()
    {
        var result = await CliHarness.RunAsync("frobnicate");

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("frobnicate", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_a_pattern_exits_2()
    {
        var result = await CliHarness.RunAsync("run");

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("FILE_OR_NAME", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seed_that_is_not_a_number_exits_2()
    {
        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=x", "--seed", "abc");

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("abc", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_option_without_its_value_exits_2()
    {
        var result = await CliHarness.RunAsync("run", "baseline", "--input");

        CliHarness.AssertInvalidInput(result);
        CliHarness.AssertOneErrorLine(result);
    }

    [Theory]
    [InlineData("list", "--bogus")]
    [InlineData("validate", "baseline", "--bogus")]
    [InlineData("run", "baseline", "--input", "question=x", "--bogus")]
    [InlineData("run", "baseline", "--input", "question=x", "--jsn")]
    public async Task An_unknown_flag_exits_2(params string[] args)
    {
        var result = await CliHarness.RunAsync(args);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains($"'{args[^1].TrimStart('-')}'", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_model_file_exits_2_and_names_the_path_and_the_environment_variable()
    {
        var missing = Path.Combine(_dir.Path, "nonexistent.gguf");

        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=x", "--model-file", missing);

        CliHarness.AssertInvalidInput(result);
        var line = CliHarness.AssertOneErrorLine(result);
        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.Contains("PATTERNS_MODEL_FILE", line, StringComparison.Ordinal);
        Assert.Contains("--model-file", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_model_file_from_the_brief_is_reported_the_same_way()
    {
        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=x", "--model-file", "/nonexistent.gguf");

        CliHarness.AssertInvalidInput(result);
        var line = CliHarness.AssertOneErrorLine(result);
        Assert.Contains("/nonexistent.gguf", line, StringComparison.Ordinal);
        Assert.Contains("PATTERNS_MODEL_FILE", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_file_that_is_not_gguf_exits_2_and_names_the_path()
    {
        var notAModel = _dir.Write("text.gguf", "this is not a GGUF file");

        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=x", "--model-file", notAModel);

        CliHarness.AssertInvalidInput(result);
        var line = CliHarness.AssertOneErrorLine(result);
        Assert.Contains(notAModel, line, StringComparison.Ordinal);
        Assert.Contains("PATTERNS_MODEL_FILE", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_pattern_file_given_to_run_exits_2_with_file_line_column()
    {
        var file = _dir.Write("bad.yaml", CliPatterns.UnknownField);

        var result = await CliHarness.RunAsync("run", file, "--input", "question=x");

        CliHarness.AssertInvalidInput(result);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"{file}:9:5: ", line, StringComparison.Ordinal);
        Assert.Matches(CliHarness.DiagnosticLine(), line);
    }

    [Fact]
    public async Task An_invalid_pattern_file_is_reported_before_the_model_is_looked_for()
    {
        var file = _dir.Write("bad.yaml", CliPatterns.UnknownField);

        var result = await CliHarness.RunAsync("run", file, "--input", "question=x", "--model-file", "/nonexistent.gguf");

        CliHarness.AssertInvalidInput(result);
        Assert.StartsWith($"{file}:9:5: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_pattern_name_exits_2_and_lists_the_built_ins()
    {
        var result = await CliHarness.RunAsync("run", "no-such-pattern", "--input", "a=b");

        CliHarness.AssertInvalidInput(result);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("no-such-pattern:1:1: ", line, StringComparison.Ordinal);
        Assert.Contains("baseline", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_pattern_file_given_to_run_exits_2()
    {
        var missing = Path.Combine(_dir.Path, "gone.yaml");

        var result = await CliHarness.RunAsync("run", missing, "--input", "question=x");

        CliHarness.AssertInvalidInput(result);
        Assert.Equal($"{missing}:1:1: cannot read the pattern file: no such file", Assert.Single(result.ErrorLines));
    }
}
