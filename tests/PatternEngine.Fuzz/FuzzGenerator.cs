using PatternEngine.Fuzz.Mutations;

namespace PatternEngine.Fuzz;

/// <summary>
/// Makes input number <c>i</c> of a run from the run's seed alone, so that any input can be made again (by a test, by
/// a batch in another process, or to look at a finding): a seed file of the kind <c>i</c> falls on, changed by up to
/// three mutations (mostly one), seven in ten aware of the file's structure and the rest blind to it.
/// </summary>
internal sealed class FuzzGenerator(FuzzCorpus corpus, int seed)
{
    public FuzzCorpus Corpus { get; } = corpus;

    public FuzzInput Generate(int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var kind = (FuzzKind)(index % 4);
        var seeds = Corpus.Of(kind);
        var (origin, text) = seeds[random.Next(seeds.Count)];
        var applied = new List<string>();
        // Mostly one mutation, so that many inputs stay valid enough to reach the run; sometimes more. Some patterns stay
        // as they are: they run on hostile answers all the same.
        var mutations = kind == FuzzKind.Pattern && random.Next(100) < 15 ? 0 : random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        for (var count = mutations; count > 0; count--)
        {
            string name;
            text = random.Next(10) >= 7 ? ByteMutator.Mutate(text, random, out name)
                : kind is FuzzKind.Pattern or FuzzKind.Providers ? YamlMutator.Mutate(text, random, out name)
                : JsonLineMutator.Mutate(text, random, out name);
            applied.Add(name);
        }

        return new FuzzInput(index, kind, origin, applied.Count == 0 ? "none" : string.Join(',', applied), text);
    }
}
