using PatternEngine.Definitions;
using PatternEngine.Library;
using PatternEngine.Testing;
using PatternEngine.Tests.Support;
using Xunit.Sdk;

namespace PatternEngine.Tests.Testing;

public sealed class PatternSnapshotTests : IDisposable
{
    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    private static readonly Dictionary<string, string> Inputs = new() { ["question"] = BuiltInPatternSnapshotTests.Question };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pattern-snapshot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static PatternDefinition Baseline() => BuiltIns.Load(BuiltIns.Resolve("baseline"));

    private static string BaselineCassette => BuiltInPatternSnapshotTests.CassetteOf("baseline");

    private string SnapshotFile(string name) => Path.Combine(_folder, "__snapshots__", name + ".snap");

    [Fact]
    public async Task The_stable_json_leaves_out_times_but_keeps_tokens_answers_and_stages()
    {
        var record = await PatternSnapshot.ReplayAsync(Baseline(), Inputs, BaselineCassette);

        var json = PatternSnapshot.StableJson(record).ToJsonString();

        Assert.True(record.Totals.WallMs > 0 && record.Stages[0].CallRecords[0].LatencyMs > 0);
        Assert.DoesNotContain("_ms\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"output_tokens\":{record.Totals.OutputTokens}", json, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"answer\"", json, StringComparison.Ordinal);
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(record.Output.Text), json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_the_user_ignores_are_left_out_wherever_they_occur()
    {
        var record = await PatternSnapshot.ReplayAsync(Baseline(), Inputs, BaselineCassette);

        var json = PatternSnapshot.StableJson(record, ["input_tokens"]).ToJsonString();

        Assert.DoesNotContain("\"input_tokens\"", json, StringComparison.Ordinal);
        Assert.Contains("\"output_tokens\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_name_the_snapshot_is_named_after_the_calling_test_in_its_folder()
    {
        await PatternSnapshot.MatchAsync(BuiltIns.Resolve("baseline"), Inputs, BaselineCassette);

        var expected = Path.Combine(BuiltInPatternSnapshotTests.SnapshotFolder, "__snapshots__", $"{nameof(PatternSnapshotTests)}.{nameof(Without_a_name_the_snapshot_is_named_after_the_calling_test_in_its_folder)}.snap");
        Assert.True(File.Exists(expected), $"expected {expected}");
    }

    [Fact]
    public async Task A_missing_snapshot_fails_and_is_not_written_when_one_must_be_committed()
    {
        var options = new PatternSnapshotOptions { SnapshotName = "missing", SnapshotFolder = _folder, FailWhenMissing = true };

        var error = await Assert.ThrowsAnyAsync<XunitException>(() => PatternSnapshot.MatchAsync(Baseline(), Inputs, BaselineCassette, options));

        Assert.Contains("no committed snapshot", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(SnapshotFile("missing")));
    }

    [Fact]
    public async Task A_run_that_differs_from_its_snapshot_fails()
    {
        var options = new PatternSnapshotOptions { SnapshotName = "baseline", SnapshotFolder = _folder, FailWhenMissing = false };
        var record = await PatternSnapshot.MatchAsync(Baseline(), Inputs, BaselineCassette, options); // writes the snapshot
        var file = SnapshotFile("baseline");
        File.WriteAllText(file, File.ReadAllText(file).Replace($"\"output_tokens\": {record.Totals.OutputTokens}", "\"output_tokens\": 1", StringComparison.Ordinal));

        await Assert.ThrowsAnyAsync<XunitException>(() => PatternSnapshot.MatchAsync(Baseline(), Inputs, BaselineCassette, options with { FailWhenMissing = true }));
    }

    [Fact]
    public async Task A_cassette_that_does_not_exist_is_an_error_naming_it()
    {
        var missing = Path.Combine(_folder, "none.jsonl");

        var error = await Assert.ThrowsAsync<PatternEngine.Models.Recording.CassetteFileException>(() => PatternSnapshot.ReplayAsync(Baseline(), Inputs, missing));

        Assert.Equal($"{missing}: no such cassette file", error.Message);
    }

    [Fact]
    public async Task A_record_from_any_run_can_be_matched_with_a_snapshot_of_its_own()
    {
        var record = await PatternSnapshot.ReplayAsync(Baseline(), Inputs, BaselineCassette);
        var options = new PatternSnapshotOptions { SnapshotName = "record", SnapshotFolder = _folder, FailWhenMissing = false };

        record.ShouldMatchSnapshot(options);
        record.ShouldMatchSnapshot(options with { FailWhenMissing = true });

        Assert.Contains("\"pattern\": \"baseline\"", File.ReadAllText(SnapshotFile("record")), StringComparison.Ordinal);
        Assert.ThrowsAny<XunitException>(() => (record with { Pattern = "other" }).ShouldMatchSnapshot(options));
    }
}
