using PatternEngine.Bench.Statistics;

namespace PatternEngine.Tests.Bench.Statistics;

public sealed class PercentileTests
{
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    // Values as numpy.percentile(range(1, 11), p) gives them: rank (n - 1) * p / 100, interpolated.
    [Theory]
    [InlineData(0, 1)]
    [InlineData(25, 3.25)]
    [InlineData(50, 5.5)]
    [InlineData(90, 9.1)]
    [InlineData(95, 9.55)]
    [InlineData(100, 10)]
    public void Percentiles_of_one_to_ten_match_numpy(double percent, double expected) =>
        Assert.Equal(expected, Percentile.Of(OneToTen, percent), 12);

    [Fact]
    public void The_order_of_the_values_does_not_matter() =>
        Assert.Equal(9.55, Percentile.Of(OneToTen.Reverse(), 95), 12);

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(95)]
    [InlineData(100)]
    public void Every_percentile_of_one_value_is_that_value(double percent) =>
        Assert.Equal(7.5, Percentile.Of([7.5], percent));

    [Theory]
    [InlineData(0, 10)]
    [InlineData(50, 15)]
    [InlineData(95, 19.5)]
    [InlineData(100, 20)]
    public void Percentiles_of_two_values_interpolate_between_them(double percent, double expected) =>
        Assert.Equal(expected, Percentile.Of([20, 10], percent), 12);

    [Fact]
    public void Repeated_values_interpolate_over_their_ranks() =>
        Assert.Equal(2.5, Percentile.Of([1, 1, 4, 4], 50), 12);

    [Fact]
    public void No_values_have_no_percentile() =>
        Assert.Throws<ArgumentException>(() => Percentile.Of([], 50));

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void A_percent_outside_zero_to_a_hundred_is_refused(double percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Of(OneToTen, percent));

    [Fact]
    public void NaN_values_are_refused() =>
        Assert.Throws<ArgumentException>(() => Percentile.Of([1, double.NaN], 50));
}
