using PatternEngine;
using PatternEngine.Bench;
using PatternEngine.Bench.Gates;
using PatternEngine.Bench.Golden;
using PatternEngine.Definitions;
using PatternEngine.Testing;

namespace GateTests;

public sealed class ReleaseGateTests
{
    private static string Here(params string[] path) => Path.Combine([AppContext.BaseDirectory, .. path]);

    [Fact]
    public async Task Chain_of_thought_meets_its_release_gates()
    {
        // Recorded calls stand in for the model here; a team's own gate builds its engine on its providers instead.
        await using var engine = new PatternEngineBuilder().UseCassetteReplay(Here("Cassettes", "bench.jsonl")).Build();
        BenchEntry Entry(string name) => new(engine.Compile(PatternFile.Load(Here("patterns", name + ".yaml"))), BenchEntry.HashFile(Here("patterns", name + ".yaml")));

        var report = await BenchRunner.RunAsync(Entry("baseline"), [Entry("chain-of-thought")], GoldenFile.Load(Here("golden.jsonl")), new BenchOptions { Resamples = 500 });
        var gates = BenchGates.Judge(report, GateFile.Load(Here("gates.yaml")), InconclusiveGates.Pass);

        Assert.Equal(3, gates.Results.Length);
        Assert.True(gates.Passed, string.Join("\n", gates.Failing.Select(r => r.Message)));
    }
}
