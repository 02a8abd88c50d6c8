using PatternEngine.Bench.Tuning;

namespace PatternEngine.Tests.Bench.Tuning;

/// <summary>The pieces of a sweep: the values read from <c>--vary</c>, and the straight-line trend fitted to the figures.</summary>
public sealed class PatternTunerTests
{
    [Fact]
    public void A_sweep_reads_its_values_sorted_and_once_each()
    {
        var sweep = TuneSweep.Parse("samples.count=9, 1,3,9", "--vary");

        Assert.Equal("samples", sweep.StageId);
        Assert.Equal("count", sweep.Field);
        Assert.Equal([1.0, 3.0, 9.0], sweep.Values.ToArray());
        Assert.Equal("samples.count=9", sweep.At(9).ToString());
    }

    [Fact]
    public void A_sweep_of_one_value_is_no_sweep()
    {
        var error = Assert.Throws<PatternEngine.Definitions.PatternFileException>(() => TuneSweep.Parse("samples.count=3,3", "--vary"));

        Assert.Equal("--vary:1:1: samples.count: a sweep needs at least two different values, not '3,3'", Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public void The_trend_is_the_least_squares_line_and_how_much_it_explains()
    {
        var fit = TrendFit.Of([(1, 3), (2, 5), (3, 7)])!;

        Assert.Equal(1, fit.Intercept, 9);
        Assert.Equal(2, fit.Slope, 9);
        Assert.Equal(1, fit.RSquared, 9);
        Assert.InRange(TrendFit.Of([(1, 0), (2, 1), (3, 0)])!.RSquared, 0, 1e-9);
        Assert.Null(TrendFit.Of([(1, 0), (1, 1)]));
    }
}
