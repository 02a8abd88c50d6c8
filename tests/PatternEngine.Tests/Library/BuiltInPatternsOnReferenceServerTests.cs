using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Library;
using PatternEngine.Stages;
using PatternEngine.Stages.Reduce;
using PatternEngine.Tests.Support;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Library;

/// <summary>
/// Every built-in pattern benched on a reference model that is right 60% of the time and phrases its answers every way
/// real models do: each pattern's measured accuracy is exactly what the model's known answers make it.
/// </summary>
public sealed class BuiltInPatternsOnReferenceServerTests
{
    private const int Seed = 42;

    private static readonly ReferenceModel Model = new("mixed-60") { Accuracy = 0.6, Styles = AnswerStyles.All };

    private static readonly IReadOnlyList<ReferenceQuestion> Questions = ReferenceQuestion.Sums(20);

    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    private static bool Greedy(ReferenceQuestion q) => ReferenceTruth.IsCorrect(Model, q, null, 0);

    private static string Sampled(ReferenceQuestion q, string stage, int sample, double temperature) =>
        ReferenceTruth.Value(Model, q, StableSeed.Derive(Seed, stage, sample), temperature);

    /// <summary>Whether each pattern is right on a question, from what the model answers each of its calls.</summary>
    private static readonly Dictionary<string, Func<ReferenceQuestion, bool>> Truth = new(StringComparer.Ordinal)
    {
        ["baseline"] = Greedy,
        ["chain-of-thought"] = Greedy,
        ["structured-output"] = Greedy,
        // The reviewer accepts a right draft and rejects a wrong one; the revision is greedy, so it repeats the draft.
        ["self-critique"] = Greedy,
        // The outline's last point is expanded into the answer, greedily.
        ["skeleton-fill-in"] = Greedy,
        // The model evaluates each sum with math.evaluate, so it is always right.
        ["tool-calling-reflex"] = _ => true,
        ["self-consistency"] = q => PluralityVote.Count([.. Enumerable.Range(0, 5).Select(i => Sampled(q, "samples", i, 0.8))]).Winner == q.Answer,
        // The judge prefers a right candidate, so the winner is right when any of the four generated is.
        ["tournament-ranking"] = q => Enumerable.Range(0, 4).Any(i => Sampled(q, "generated", i, 0.9) == q.Answer),
        // A persona in the system message changes nothing the model knows: one greedy answer.
        ["role-playing"] = Greedy,
        // Five runs of chain-of-thought, each with a seed of its own, its reasoning stage sampled at 0.8, then a vote.
        ["consistent-chain-of-thought"] = q => PluralityVote.Count(
            [.. Enumerable.Range(0, 5).Select(i => ReferenceTruth.Value(Model, q, StableSeed.Derive(StableSeed.Derive(Seed, "samples", i), "reasoning", 0), 0.8))]).Winner == q.Answer,
        // Every point goes through self-critique greedily; the last point's expansion carries the answer.
        ["skeleton-critique"] = Greedy,
        // A lone question is a conversation's first turn: no history to send, nothing to recall; one greedy call.
        ["full-history"] = Greedy,
        ["zero-token-memory"] = Greedy,
        // Sums pass both guards untouched: one greedy call between them.
        ["guarded-answer"] = Greedy,
    };

    [Fact]
    public async Task Every_built_in_measures_exactly_the_accuracy_its_model_s_known_answers_give_it()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [Model], Questions = [.. Questions] });
        using var compiler = ReferenceProviders.Engine(ReferenceProviders.File(server, model: Model.Name), b => b.AddPlugins(BuiltIns.Tools()));
        var entries = BuiltIns.List().Select(e => new BenchEntry(compiler.Compile(BuiltIns.Load(e.Path)), BenchEntry.HashFile(e.Path))).ToList();
        var golden = GoldenFile.Parse(ReferenceQuestion.Golden(Questions), "sums.jsonl");

        var report = await BenchRunner.RunAsync(
            entries.Single(e => e.Name == "baseline"), entries, golden, new BenchOptions { Seed = Seed, Resamples = 100, Warmup = false });

        Assert.Equal(Truth.Keys.Order(StringComparer.Ordinal), report.Patterns.Select(p => p.Pattern).Order(StringComparer.Ordinal));
        Assert.All(report.Patterns, p => Assert.Equal(0, p.FailedRuns));
        var measured = report.Patterns.ToDictionary(p => p.Pattern, p => p.Accuracy);
        var known = Truth.ToDictionary(t => t.Key, t => (double?)Questions.Count(t.Value) / Questions.Count);
        Assert.Equal(known.OrderBy(k => k.Key, StringComparer.Ordinal), measured.OrderBy(m => m.Key, StringComparer.Ordinal));

        // The answers came in every style, and what the engine counted is what the server reported.
        var styles = server.Log.Exchanges.Select(e => e.Turn.Style).OfType<AnswerStyle>().Distinct().Count();
        Assert.True(styles >= 6, $"{styles} answer styles");
        var (prompt, completion) = server.Log.BilledTokens();
        Assert.Equal((prompt, completion), (report.Samples.Sum(s => s.InputTokens), report.Samples.Sum(s => s.OutputTokens)));
    }

    [Fact]
    public async Task Self_consistency_is_more_accurate_than_the_single_samples_it_votes_on()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [Model], Questions = [.. Questions] });
        using var compiler = ReferenceProviders.Engine(ReferenceProviders.File(server, model: Model.Name));
        var entry = new BenchEntry(compiler.Compile(BuiltIns.Load(BuiltIns.Resolve("self-consistency"))), "hash");
        var golden = GoldenFile.Parse(ReferenceQuestion.Golden(Questions), "sums.jsonl");

        var report = await BenchRunner.RunAsync(entry, [], golden, new BenchOptions { Seed = Seed, Resamples = 100, Warmup = false });

        var samples = server.Log.Exchanges.Where(e => e.Turn.Correct is not null).ToList();
        var single = samples.Count(e => e.Turn.Correct == true) / (double)samples.Count;
        Assert.Equal(5 * Questions.Count, samples.Count);
        Assert.True(report.Patterns[0].Accuracy > single + 0.1, $"voted {report.Patterns[0].Accuracy}, single samples {single}");
    }
}
