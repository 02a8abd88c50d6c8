using PatternEngine.Cli.Defaults;

namespace PatternEngine.Tests.Cli.Defaults;

public sealed class BuiltInGoldenTests
{
    [Fact]
    public void A_built_in_golden_file_is_found_by_name()
    {
        var path = BuiltInGolden.Resolve("prompt-injection");

        Assert.Equal(Path.Combine(BuiltInGolden.Directory, "prompt-injection.jsonl"), path);
        Assert.True(File.Exists(path), path);
    }

    [Theory]
    [InlineData("my-cases.jsonl")]
    [InlineData("data/prompt-injection")]
    [InlineData("no-such-golden")]
    public void A_path_or_an_unknown_name_is_left_for_the_reader(string given) =>
        Assert.Equal(given, BuiltInGolden.Resolve(given));
}
