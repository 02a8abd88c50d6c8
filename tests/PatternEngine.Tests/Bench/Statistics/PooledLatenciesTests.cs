using PatternEngine.Bench.Statistics;

namespace PatternEngine.Tests.Bench.Statistics;

public sealed class PooledLatenciesTests
{
    private static CaseFigures Case(params double[] latencies) => new(0, 0, latencies, 0, 0);

    private static readonly CaseFigures[] Cases = [Case(120, 80, 95), Case(), Case(300), Case(40, 41), Case(95, 500, 61, 77)];

    [Fact]
    public void Every_case_drawn_once_gives_the_percentile_of_all_runs()
    {
        var all = Cases.SelectMany(c => c.FreshLatenciesMs).ToArray();

        Assert.Equal(Percentile.Of(all, 50), new PooledLatencies(Cases).Of([1, 1, 1, 1, 1], 50));
        Assert.Equal(Percentile.Of(all, 95), new PooledLatencies(Cases).Of([1, 1, 1, 1, 1], 95));
    }

    [Fact]
    public void Any_draw_gives_the_percentile_of_its_pooled_runs_repeated_as_drawn()
    {
        var pooled = new PooledLatencies(Cases);
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var draws = Enumerable.Range(0, Cases.Length).Select(_ => random.Next(3)).ToArray();
            var runs = Cases.SelectMany((c, i) => Enumerable.Repeat(c.FreshLatenciesMs, draws[i]).SelectMany(r => r)).ToArray();
            foreach (var percent in new double[] { 0, 50, 95, 100 })
            {
                Assert.Equal(runs.Length == 0 ? null : Percentile.Of(runs, percent), pooled.Of(draws, percent));
            }
        }
    }

    [Fact]
    public void Drawing_only_cases_without_fresh_runs_gives_nothing() =>
        Assert.Null(new PooledLatencies(Cases).Of([0, 3, 0, 0, 0], 50));
}
