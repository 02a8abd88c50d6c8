using System.Text.RegularExpressions;
using PatternEngine.Library;
using PatternEngine.Tests.Cli;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Library;

/// <summary>
/// The pipelines the README's "Composing patterns" section shows are valid, each one short file, run on the embedded
/// model, and the built-ins among them are shown as they ship.
/// </summary>
[Collection(LocalModelCollection.Name)]
public sealed partial class ReadmePipelinesTests(LocalModelFixture fixture) : IDisposable
{
    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Pipelines => [.. PipelineNames()];

    private static IEnumerable<string> PipelineNames() => PipelineBlocks().Select(b => Name().Match(b).Groups[1].Value);

    private static IEnumerable<string> PipelineBlocks()
    {
        var readme = File.ReadAllText(Path.Combine(Patterns.RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n## Composing patterns\n", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return YamlBlock().Matches(readme[start..end]).Select(m => m.Groups[1].Value).Where(b => Name().IsMatch(b));
    }

    private static string Block(string name) => PipelineBlocks().Single(b => Name().Match(b).Groups[1].Value == name);

    [Fact]
    public void The_section_shows_the_three_pipelines()
    {
        Assert.Equal(["refine-then-vote", "consistent-chain-of-thought", "skeleton-critique"], PipelineNames());
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public async Task Each_pipeline_is_one_short_valid_file_that_runs_on_the_embedded_model(string name)
    {
        var text = Block(name);
        var file = _dir.Write(name + ".yaml", text);
        var shipped = Path.Combine(BuiltIns.Directory, name + ".yaml");
        if (File.Exists(shipped))
        {
            Assert.Equal(File.ReadAllText(shipped).ReplaceLineEndings("\n"), text);
        }

        Assert.InRange(text.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#')), 10, 40);
        var compiled = Engines.For(fixture.Model.AsChatClient()).Compile(BuiltIns.Load(file));
        var record = await compiled.RunAsync(new Dictionary<string, string> { ["question"] = "Once upon a time" });

        Assert.True(record.Totals.Calls > 0);
        Assert.Equal(record.AllCalls().Count(), record.Totals.Calls);
        Assert.Equal(record.AllCalls().Sum(c => c.InputTokens), record.Totals.InputTokens);
    }

    [Fact]
    public async Task Refine_then_vote_refines_each_of_five_drafts_before_the_vote()
    {
        var file = _dir.Write("refine-then-vote.yaml", Block("refine-then-vote"));
        var compiled = Engines.For(fixture.Model.AsChatClient()).Compile(BuiltIns.Load(file));

        var record = await compiled.RunAsync(new Dictionary<string, string> { ["question"] = "Once upon a time" });

        var refined = record.Stages.Single(s => s.Id == "refined");
        Assert.Equal(5, refined.Output.AsList().Length);
        Assert.Equal(5, refined.Details!["items"]!.AsArray().Count);
        Assert.Equal(5, (int)record.Stages.Single(s => s.Id == "vote").Details!["samples"]!);
    }

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"(?m)^name: ([a-z0-9-]+)$")]
    private static partial Regex Name();
}
