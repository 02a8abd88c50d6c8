using PatternEngine.Library;
using PatternEngine.Tests.Support;
using Snapshooter;
using Snapshooter.Xunit;

namespace PatternEngine.Tests.Compilation;

public sealed class CompiledPlanSnapshotTests
{
    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    private static readonly string SnapshotFolder = Path.Combine(Patterns.RepositoryRoot(), "tests", "PatternEngine.Tests", "Compilation"); // Snapshooter adds __snapshots__

    public static TheoryData<string> BuiltInNames => [.. BuiltIns.List().Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(BuiltInNames))]
    public void The_compiled_plan_of_every_built_in_pattern_matches_its_snapshot(string name)
    {
        var compiler = Engines.For(new ScriptedChatClient(_ => ""), b => b.AddPlugins(BuiltIns.Tools()));

        var plan = compiler.Compile(BuiltIns.Load(BuiltIns.Resolve(name))).Plan;

        // The folder is named, not found from the compiled source path: a CI build that maps source paths
        // (/_/...) would otherwise write fresh snapshots elsewhere and compare against nothing. On CI a missing
        // snapshot fails instead of being written, so that every plan is compared with one that was committed.
        var file = $"{nameof(CompiledPlanSnapshotTests)}.{name}.snap";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.True(File.Exists(Path.Combine(SnapshotFolder, "__snapshots__", file)), $"no committed snapshot {file}; run the tests locally and commit it");
        }

        Snapshot.Match(plan, new SnapshotFullName(file, SnapshotFolder));
    }

    public static TheoryData<string, string> BuiltInModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var entry in BuiltIns.List())
        {
            foreach (var mode in BuiltIns.Load(BuiltIns.Resolve(entry.Name)).Modes.Keys)
            {
                data.Add(entry.Name, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BuiltInModes))]
    public void The_compiled_plan_of_every_mode_of_a_built_in_pattern_matches_its_snapshot(string name, string mode)
    {
        var compiler = Engines.For(new ScriptedChatClient(_ => ""), b => b.AddPlugins(BuiltIns.Tools()));

        var plan = compiler.Compile(BuiltIns.Load(BuiltIns.Resolve(name))).WithMode(mode).Plan;

        var file = $"{nameof(CompiledPlanSnapshotTests)}.{name}.{mode}.snap";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.True(File.Exists(Path.Combine(SnapshotFolder, "__snapshots__", file)), $"no committed snapshot {file}; run the tests locally and commit it");
        }

        Snapshot.Match(plan, new SnapshotFullName(file, SnapshotFolder));
    }

    [Fact]
    public void The_library_holds_the_baseline_and_the_patterns_measured_against_it() =>
        Assert.Superset(
            new HashSet<string> { "baseline", "chain-of-thought", "self-consistency", "self-critique", "skeleton-fill-in", "structured-output", "tool-calling-reflex", "tournament-ranking" },
            BuiltIns.List().Select(e => e.Name).ToHashSet());
}
