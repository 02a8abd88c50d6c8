namespace PatternEngine.Tests.Cli;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_valid_file_exits_0_and_is_reported_valid()
    {
        var file = _dir.Write("demo.yaml", CliPatterns.Valid);

        var result = await CliHarness.RunAsync("validate", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{file}: valid", Assert.Single(result.OutLines));
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task A_built_in_pattern_can_be_validated_by_name()
    {
        var result = await CliHarness.RunAsync("validate", "baseline");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("baseline: valid", Assert.Single(result.OutLines));
    }

    [Fact]
    public async Task An_invalid_file_exits_2_and_prints_file_line_column_message_to_stderr()
    {
        var file = _dir.Write("bad.yaml", CliPatterns.UnknownField);

        var result = await CliHarness.RunAsync("validate", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrorLines);
        var match = CliHarness.DiagnosticLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal(file, match.Groups["file"].Value);
        Assert.Equal("9", match.Groups["line"].Value);
        Assert.Equal("5", match.Groups["column"].Value);
        Assert.Contains("unknown field 'colour'", match.Groups["message"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_in_a_file_gets_its_own_line()
    {
        var file = _dir.Write("two.yaml", CliPatterns.TwoProblems);

        var result = await CliHarness.RunAsync("validate", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(2, result.ErrorLines.Length);
        Assert.All(result.ErrorLines, line => Assert.StartsWith(file + ":", line, StringComparison.Ordinal));
        Assert.All(result.ErrorLines, line => Assert.Matches(CliHarness.DiagnosticLine(), line));
        Assert.Contains(result.ErrorLines, line => line.StartsWith($"{file}:7:", StringComparison.Ordinal) && line.Contains("'nowhere'", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, line => line.StartsWith($"{file}:8:", StringComparison.Ordinal) && line.Contains("'missing'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_files_with_one_invalid_exit_2_and_every_file_is_reported()
    {
        var good = _dir.Write("good.yaml", CliPatterns.Valid);
        var bad = _dir.Write("bad.yaml", CliPatterns.UnknownField);
        var alsoGood = _dir.Write("also-good.yaml", CliPatterns.Sampled);

        var result = await CliHarness.RunAsync("validate", good, bad, alsoGood);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal([$"{good}: valid", $"{alsoGood}: valid"], result.OutLines);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"{bad}:9:5: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_invalid_files_are_all_reported()
    {
        var first = _dir.Write("first.yaml", CliPatterns.UnknownField);
        var second = _dir.Write("second.yaml", CliPatterns.TwoProblems);

        var result = await CliHarness.RunAsync("validate", first, second);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Out);
        Assert.Single(result.ErrorLines, line => line.StartsWith(first + ":", StringComparison.Ordinal));
        Assert.Equal(2, result.ErrorLines.Count(line => line.StartsWith(second + ":", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_missing_file_exits_2_with_a_one_line_message_naming_it()
    {
        var missing = Path.Combine(_dir.Path, "nope.yaml");

        var result = await CliHarness.RunAsync("validate", missing);

        CliHarness.AssertInvalidInput(result);
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal($"{missing}:1:1: cannot read the pattern file: no such file", line);
    }

    [Fact]
    public async Task A_missing_file_does_not_stop_the_others_being_checked()
    {
        var missing = Path.Combine(_dir.Path, "nope.yaml");
        var good = _dir.Write("good.yaml", CliPatterns.Valid);

        var result = await CliHarness.RunAsync("validate", missing, good);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"{good}: valid", Assert.Single(result.OutLines));
        Assert.StartsWith(missing + ":1:1: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_without_files_exits_2()
    {
        var result = await CliHarness.RunAsync("validate");

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("FILE", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }
}
