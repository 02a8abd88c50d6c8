using PatternEngine.Selection;

namespace PatternEngine.Tests.Selection;

public sealed class SloFileTests
{
    [Fact]
    public void Parse_reads_every_target()
    {
        var slo = SloFile.Parse("min_accuracy: 0.8\nmax_latency_p95_ms: 1500\nmax_cost_usd: 0.002\nmax_error_rate: 0.01\n");

        Assert.Equal(new Slo { MinAccuracy = 0.8, MaxLatencyP95Ms = 1500, MaxCostUsd = 0.002, MaxErrorRate = 0.01 }, slo);
    }

    [Fact]
    public void A_file_overrides_only_the_targets_it_sets_of_the_mode_preset()
    {
        var slo = Slo.For(RoutingMode.Fast).With(SloFile.Parse("max_latency_p95_ms: 50"));

        Assert.Equal(50, slo.MaxLatencyP95Ms);
        Assert.Equal(Slo.For(RoutingMode.Fast).MaxCostUsd, slo.MaxCostUsd);
        Assert.Null(slo.MinAccuracy);
    }

    [Fact]
    public void Modes_favour_what_they_say()
    {
        Assert.True(Slo.For(RoutingMode.Fast).MaxLatencyP95Ms < Slo.For(RoutingMode.Thorough).MaxLatencyP95Ms);
        Assert.True(Slo.For(RoutingMode.Thorough).MinAccuracy > Slo.For(RoutingMode.Standard).MinAccuracy);
    }

    [Theory]
    [InlineData("min_acuracy: 0.8", "slo.yaml:1:1: unknown target 'min_acuracy'")]
    [InlineData("max_cost_usd: 0.1\nmin_accuracy: 1.5", "slo.yaml:2:15: min_accuracy takes a number from 0 to 1")]
    [InlineData("max_latency_p95_ms: fast", "slo.yaml:1:21: max_latency_p95_ms takes a number of at least 0")]
    [InlineData("- 1", "slo.yaml:1:1: an SLO file is a mapping")]
    [InlineData("a: &a [*a]", "slo.yaml:1:8: the alias '*a' is used inside the node it names")]
    [InlineData("a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "slo.yaml:1:67: the file nests deeper than 64 levels")]
    public void Parse_names_the_line_and_column_of_a_bad_target(string yaml, string expected)
    {
        var error = Assert.Throws<SelectionInputException>(() => SloFile.Parse(yaml, "slo.yaml"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
