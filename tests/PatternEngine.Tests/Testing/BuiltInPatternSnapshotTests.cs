using PatternEngine.Execution;
using PatternEngine.Library;
using PatternEngine.Testing;
using PatternEngine.Tests.Support;
using PatternEngine.Models.Calls;

namespace PatternEngine.Tests.Testing;

/// <summary>
/// Every built-in pattern, replayed from a cassette recorded once on the embedded model, against its committed
/// snapshot. To record a pattern again (after changing it), from the repository root:
/// <c>patterns run NAME -i "question=What is the capital of France?" --record tests/PatternEngine.Tests/Cassettes/NAME.jsonl</c>
/// on an emptied cassette, then delete its snapshot and run these tests to write the new one.
/// </summary>
public sealed class BuiltInPatternSnapshotTests
{
    public const string Question = "What is the capital of France?";

    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    public static string CassetteFolder { get; } = Path.Combine(Patterns.RepositoryRoot(), "tests", "PatternEngine.Tests", "Cassettes");

    // Named rather than found from the compiled source path, which a CI build may map elsewhere.
    public static string SnapshotFolder { get; } = Path.Combine(Patterns.RepositoryRoot(), "tests", "PatternEngine.Tests", "Testing");

    public static TheoryData<string> BuiltInNames => [.. BuiltIns.List().Select(e => e.Name)];

    public static string CassetteOf(string name) => Path.Combine(CassetteFolder, name + ".jsonl");

    [Theory]
    [MemberData(nameof(BuiltInNames))]
    public async Task Every_built_in_pattern_replays_from_its_committed_cassette_to_its_committed_snapshot(string name)
    {
        var record = await PatternSnapshot.MatchAsync(
            BuiltIns.Resolve(name),
            new Dictionary<string, string> { ["question"] = Question },
            CassetteOf(name),
            new PatternSnapshotOptions { Plugins = BuiltIns.Tools(), Library = BuiltIns, SnapshotName = nameof(BuiltInPatternSnapshotTests), NameExtension = name, SnapshotFolder = SnapshotFolder });

        var calls = record.AllCalls().ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Equal((CallSource.Replay, "stories260K", (string?)null), (c.Source, c.Model, c.Error)));
        Assert.All(calls, c => Assert.True(c.LatencyMs > 0, "a replayed call keeps its recorded latency"));
        Assert.Equal(record.Totals.Calls, record.Totals.CachedCalls);
    }

    [Fact]
    public void Every_cassette_belongs_to_a_built_in_pattern() =>
        Assert.Subset(
            BuiltIns.List().Select(e => e.Name).ToHashSet(),
            Directory.GetFiles(CassetteFolder, "*.jsonl").Select(Path.GetFileNameWithoutExtension).ToHashSet()!);

    [Fact]
    public async Task A_replay_of_another_question_fails_naming_the_stage_and_request_hash()
    {
        var error = await Assert.ThrowsAsync<PatternRunException>(() => PatternSnapshot.ReplayAsync(
            BuiltIns.Load(BuiltIns.Resolve("baseline")),
            new Dictionary<string, string> { ["question"] = "What is the capital of Spain?" },
            CassetteOf("baseline")));

        Assert.Matches("stage 'answer' \\(request sha256 [0-9a-f]{64}\\)", error.Message);
    }
}
