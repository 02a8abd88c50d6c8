using PatternEngine.Library;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Cli;

public sealed class ListCommandTests
{
    [Fact]
    public async Task List_prints_one_line_per_built_in_pattern_and_exits_0()
    {
        var result = await CliHarness.RunAsync("list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        var names = result.OutLines.Select(line => line.Split(' ', 2)[0]).ToList();
        Assert.Contains("baseline", names);
        Assert.Equal(new PatternLibrary(Path.Combine(Patterns.RepositoryRoot(), "patterns")).List().Select(e => e.Name), names);
    }

    [Fact]
    public async Task Each_line_gives_the_name_then_the_first_line_of_the_description()
    {
        var result = await CliHarness.RunAsync("list");

        var baseline = Assert.Single(result.OutLines, line => line.StartsWith("baseline ", StringComparison.Ordinal));
        Assert.Matches(@"^baseline\s{2,}One plain call that answers the question", baseline);
        Assert.All(result.OutLines, line => Assert.Matches(@"^[a-z0-9][a-z0-9-]*\s{2,}\S", line));
    }

    [Fact]
    public async Task The_summaries_start_in_one_column()
    {
        var result = await CliHarness.RunAsync("list");

        var columns = result.OutLines.Select(line => line.IndexOf(line.Split(' ', 2)[1].TrimStart(), StringComparison.Ordinal)).Distinct();
        Assert.Single(columns);
    }
}
