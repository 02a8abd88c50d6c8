using System.Globalization;
using PatternEngine.Bench;
using PatternEngine.Bench.Reports;
using PatternEngine.Definitions;

namespace PatternEngine.Tests.Bench.Reports;

public sealed class BenchFormatTests
{
    [Theory]
    [InlineData(3, 0, "a cache")]
    [InlineData(3, 3, "a replayed cassette")]
    [InlineData(3, 1, "a cache (2) and a replayed cassette (1)")]
    public void Served_calls_say_whether_a_cache_or_a_replayed_cassette_answered_them(int served, int replayed, string expected) =>
        Assert.Equal(expected, BenchFormat.ServedFrom(served, replayed));

    [Theory]
    [InlineData(0, "$0")]
    [InlineData(0.000123456, "$0.000123")]
    [InlineData(0.0000000042, "$0.00000000420")]
    [InlineData(0.045, "$0.0450")]
    [InlineData(0.5, "$0.500")]
    [InlineData(1.254, "$1.25")]
    [InlineData(1234.5, "$1234.50")]
    [InlineData(double.NaN, "n/a")]
    public void Costs_keep_three_significant_digits_below_a_dollar(double usd, string expected) =>
        Assert.Equal(expected, BenchFormat.Cost(usd));

    [Theory]
    [InlineData(212.04, 180.4, 240.6, "+212% [+180, +241]")]
    [InlineData(-35.5, -40.25, -30.1, "-36% [-40, -30]")]
    [InlineData(4.54, -1.04, 9.96, "+4.5% [-1.0, +10.0]")]
    [InlineData(-0.04, -0.2, 0.1, "+0.0% [-0.2, +0.1]")]
    [InlineData(double.NaN, 1, 2, "n/a")]
    public void Percent_deltas_are_whole_from_ten_and_keep_one_decimal_below(double value, double low, double high, string expected) =>
        Assert.Equal(expected, BenchFormat.Delta(new DeltaEstimate(value, low, high), BenchMetric.Tokens));

    [Fact]
    public void Accuracy_deltas_are_points_with_one_decimal() =>
        Assert.Equal("+16.7 pts [+0.0, +33.3]", BenchFormat.Delta(new DeltaEstimate(16.67, 0, 33.33), BenchMetric.Accuracy));

    [Theory]
    [InlineData(200, 300, "+200–300%")]
    [InlineData(-30, -10, "-30 to -10%")]
    [InlineData(-10, 20, "-10 to +20%")]
    [InlineData(0, 5, "+0.0–5.0%")]
    public void Ranges_read_as_one_span(double min, double max, string expected) =>
        Assert.Equal(expected, BenchFormat.Range(new PercentRange(min, max), BenchMetric.LatencyP50));

    [Theory]
    [InlineData(250, "+250% [+200, +300] · expected +200–300% · inside")]
    [InlineData(300, "+300% [+200, +300] · expected +200–300% · inside")]
    [InlineData(150, "+150% [+200, +300] · expected +200–300% · below")]
    [InlineData(301, "+301% [+200, +300] · expected +200–300% · above")]
    public void A_delta_with_a_stated_range_says_where_it_falls(double value, string expected) =>
        Assert.Equal(expected, BenchFormat.DeltaWithExpectation(new DeltaEstimate(value, 200, 300, new PercentRange(200, 300)), BenchMetric.Tokens));

    [Fact]
    public void Figures_use_the_invariant_culture_whatever_the_current_one()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CommaDecimals();
            Assert.Equal("1234.5", BenchFormat.Tokens(1234.5));
            Assert.Equal("812.4 ms", BenchFormat.Milliseconds(812.44));
            Assert.Equal("83.3%", BenchFormat.Accuracy(0.8333));
            Assert.Equal("1,234", BenchFormat.Count(1234));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Errors_are_put_on_one_line_and_cut()
    {
        Assert.Equal("a b c", BenchFormat.OneLine("a\n  b\r\n\tc"));
        Assert.Equal("abcd…", BenchFormat.OneLine("abcdefgh", max: 5));
    }

    // InvariantGlobalization is on, so no named culture exists: make one whose decimal separator is a comma.
    private static CultureInfo CommaDecimals()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }
}
