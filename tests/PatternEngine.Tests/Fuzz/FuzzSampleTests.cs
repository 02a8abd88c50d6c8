using PatternEngine.Fuzz;

namespace PatternEngine.Tests.Fuzz;

/// <summary>
/// A fixed-seed sample of the fuzzer's inputs (mutated pattern, golden, providers and cassette files), each through its
/// loader and past it: nothing but the documented located errors escapes, nothing hangs, nothing takes unbounded memory.
/// The long run is <c>dotnet run -c Release --project tests/PatternEngine.Fuzz -- --count 10000 --seed N</c>.
/// </summary>
public sealed class FuzzSampleTests : IDisposable
{
    private const int Seed = 11;
    private const int Inputs = 320;

    // Generous: every input is bounded by the engine's limits (seconds at worst); a hang is what runs far past them.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Slowest = TimeSpan.FromSeconds(30);
    private const long MostAllocated = 1L << 30;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("patterns-fuzz-tests-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void A_fixed_seed_sample_neither_crashes_nor_hangs_nor_exhausts_memory()
    {
        var runner = new FuzzRunner(new FuzzGenerator(FuzzCorpus.Load(), Seed), Timeout, _work.FullName);
        var outcomes = new List<FuzzOutcome>();

        runner.Run(0, Inputs, _ => { }, outcomes.Add);

        Assert.Equal(Inputs, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Result is FuzzResult.Accepted or FuzzResult.Refused, o.ToString()));
        Assert.All(outcomes, o => Assert.True(o.Took < Slowest, o.ToString()));
        Assert.All(outcomes, o => Assert.True(o.AllocatedBytes < MostAllocated, o.ToString()));

        // The sample reaches past every loader, and is refused by every one: it cannot pass by testing nothing.
        foreach (var kind in Enum.GetValues<FuzzKind>())
        {
            Assert.Contains(outcomes, o => o.Input.Kind == kind && o.Result == FuzzResult.Accepted);
            Assert.Contains(outcomes, o => o.Input.Kind == kind && o.Result == FuzzResult.Refused);
        }
    }

    [Fact]
    public void An_input_is_made_again_the_same_from_its_seed_and_number()
    {
        var corpus = FuzzCorpus.Load();

        var first = Enumerable.Range(0, 40).Select(i => new FuzzGenerator(corpus, Seed).Generate(i)).ToList();
        var again = Enumerable.Range(0, 40).Select(i => new FuzzGenerator(corpus, Seed).Generate(i)).ToList();

        Assert.Equal(first, again);
        Assert.True(first.Select(i => i.Text).Distinct().Count() > 30, "the mutations should make different inputs");
    }
}
