using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Cli;

/// <summary>
/// llama.cpp's own log stays off the command's output unless <c>PATTERNS_LLAMA_LOG=1</c> asks for it on standard error.
/// With the model's tests: the native log is the process's, and no other test may take it while this one loads.
/// </summary>
[Collection(LocalModelCollection.Name)]
public sealed class NativeLogTests
{
    private static readonly string[] Run = ["run", "baseline", "--input", "question=Once upon a time", "--json"];

    [Fact]
    public async Task PATTERNS_LLAMA_LOG_1_shows_llama_cpp_log_on_standard_error()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATTERNS_LLAMA_LOG"] = "1" };

        var result = await CliHarness.RunAsync(environment, CancellationToken.None, Run);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.ErrorLines, line => line.StartsWith("llama_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_it_standard_error_stays_empty()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string>(StringComparer.Ordinal), CancellationToken.None, Run);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
    }
}
