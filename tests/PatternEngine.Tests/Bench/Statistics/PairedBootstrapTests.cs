using PatternEngine.Bench.Statistics;

namespace PatternEngine.Tests.Bench.Statistics;

public sealed class PairedBootstrapTests
{
    private static ResampleStatistic MeanOf(double[] values) => cases =>
    {
        var sum = 0.0;
        foreach (var i in cases)
        {
            sum += values[i];
        }

        return sum / cases.Length;
    };

    private static readonly double[] Noisy = [3.1, 9.4, 2.2, 7.7, 5.0, 1.3, 8.8, 4.6, 6.9, 2.5, 7.1, 3.9];

    [Fact]
    public void The_same_seed_gives_the_same_interval() =>
        Assert.Equal(PairedBootstrap.Interval(Noisy.Length, MeanOf(Noisy), seed: 42), PairedBootstrap.Interval(Noisy.Length, MeanOf(Noisy), seed: 42));

    [Fact]
    public void Another_seed_draws_other_resamples() =>
        Assert.NotEqual(PairedBootstrap.Interval(Noisy.Length, MeanOf(Noisy), seed: 42), PairedBootstrap.Interval(Noisy.Length, MeanOf(Noisy), seed: 43));

    [Fact]
    public void The_interval_of_a_mean_brackets_the_mean_and_stays_within_the_values()
    {
        var interval = PairedBootstrap.Interval(Noisy.Length, MeanOf(Noisy), seed: 7)!.Value;

        Assert.InRange(Noisy.Average(), interval.Low, interval.High);
        Assert.True(interval.Low > Noisy.Min() && interval.High < Noisy.Max(), $"{interval} should be well inside the values");
        Assert.True(interval.High - interval.Low > 0.5, $"{interval} should show the spread of the values");
    }

    // Two cases, 0 and 1: a resample's mean is 0 (1 in 4), 0.5 (2 in 4) or 1 (1 in 4), so about 500 of 2000
    // resamples sit at each end and the 2.5th and 97.5th percentiles are exactly 0 and 1.
    [Fact]
    public void Two_cases_of_zero_and_one_give_the_interval_zero_to_one() =>
        Assert.Equal(new ConfidenceInterval(0, 1), PairedBootstrap.Interval(2, MeanOf([0, 1]), seed: 1));

    [Fact]
    public void One_case_has_no_spread() =>
        Assert.Equal(new ConfidenceInterval(4.2, 4.2), PairedBootstrap.Interval(1, MeanOf([4.2]), seed: 1));

    [Fact]
    public void A_difference_that_is_the_same_on_every_case_has_no_spread_however_much_the_cases_differ()
    {
        double[] baseline = [10, 1000, 55, 3, 700];
        var pattern = baseline.Select(b => b + 3).ToArray();

        var interval = PairedBootstrap.Interval(baseline.Length, cases => MeanOf(pattern)(cases) - MeanOf(baseline)(cases), seed: 5)!.Value;

        Assert.Equal(3, interval.Low, 9);
        Assert.Equal(3, interval.High, 9);
    }

    [Fact]
    public void Resamples_without_a_value_are_left_out()
    {
        // Null unless case 0 is drawn; the values come only from resamples that have it.
        var interval = PairedBootstrap.Interval(3, cases => cases.Contains(0) ? 1.0 : null, seed: 3);

        Assert.Equal(new ConfidenceInterval(1, 1), interval);
    }

    [Fact]
    public void A_statistic_that_never_has_a_value_has_no_interval() =>
        Assert.Null(PairedBootstrap.Interval(3, _ => null, seed: 3));

    [Fact]
    public void Each_resample_draws_as_many_cases_as_there_are_and_draws_every_case()
    {
        var drawn = new int[4];
        PairedBootstrap.Interval(4, cases =>
        {
            Assert.Equal(4, cases.Length);
            foreach (var i in cases)
            {
                drawn[i]++;
            }

            return 0;
        }, seed: 9, resamples: 500);

        // 2,000 draws over 4 cases: each near 500.
        Assert.All(drawn, count => Assert.InRange(count, 400, 600));
    }
}
