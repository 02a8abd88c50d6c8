using PatternEngine.Testing;

namespace SnapshotTests;

public sealed class MyPatternTests
{
    [Fact]
    public Task My_pattern_answers_as_recorded() =>
        PatternSnapshot.MatchAsync(
            Path.Combine(AppContext.BaseDirectory, "patterns", "my-pattern.yaml"),
            new Dictionary<string, string> { ["question"] = "What is 12 + 30?" },
            Path.Combine(AppContext.BaseDirectory, "Cassettes", "my-pattern.jsonl"));
}
