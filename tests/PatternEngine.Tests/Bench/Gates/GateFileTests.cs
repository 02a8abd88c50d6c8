using PatternEngine.Bench.Gates;

namespace PatternEngine.Tests.Bench.Gates;

/// <summary>Gate files: read through the bounded YAML reader and their schema, with every problem at its file, line and column.</summary>
public sealed class GateFileTests
{
    private const string Valid = """
        gates:
          - pattern: "*"
            max_error_rate: 0.05
            min_accuracy: 0.6
          - pattern: self-consistency
            min_accuracy: 0.7
            max_latency_p95_ms: 2000
            max_cost_usd: 0.002
            max_tokens_delta_percent: 400
            max_tool_error_rate: 0.1
        """;

    [Fact]
    public void A_pattern_takes_the_thresholds_of_star_and_overrides_those_it_states_again()
    {
        var gates = GateFile.Parse(Valid, "gates.yaml");

        var thresholds = gates.For("self-consistency");
        Assert.Equal(0.7, thresholds.Single(t => t.Name == "min_accuracy").Limit);
        Assert.Equal(0.05, thresholds.Single(t => t.Name == "max_error_rate").Limit);
        Assert.Equal(6, thresholds.Length);
        Assert.Equal("gates.yaml:6:19", thresholds.Single(t => t.Name == "min_accuracy").Location.ToString());
        Assert.Equal(0.6, gates.For("baseline").Single(t => t.Name == "min_accuracy").Limit);
    }

    [Theory]
    [InlineData("gates:\n  - pattern: a\n    min_acuracy: 0.7\n", "gates.yaml:3:5:", "min_acuracy")]
    [InlineData("gates:\n  - pattern: a\n    min_accuracy: 1.5\n", "gates.yaml:3:19:", "min_accuracy")]
    [InlineData("gates:\n  - pattern: a\n    max_latency_p95_ms: fast\n", "gates.yaml:3:25:", "number")]
    [InlineData("gates:\n  - pattern: a\n", "gates.yaml:2:5:", "")]
    [InlineData("gates: [\n", "gates.yaml:", "invalid YAML")]
    [InlineData("", "gates.yaml:1:1:", "empty")]
    [InlineData("gates:\n  - pattern: a\n    min_accuracy: 0.7\n  - pattern: a\n    max_error_rate: 0.1\n", "gates.yaml:4:5:", "has a gate already (line 2)")]
    public void A_broken_gate_file_says_where_and_what(string yaml, string at, string what)
    {
        var error = Assert.Throws<GateFileException>(() => GateFile.Parse(yaml, "gates.yaml"));

        var first = error.Diagnostics[0].ToString();
        Assert.StartsWith(at, first, StringComparison.Ordinal);
        Assert.Contains(what, first, StringComparison.Ordinal);
        Assert.Equal(PatternEngineErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void A_gate_for_a_pattern_the_bench_does_not_run_is_refused_at_its_line()
    {
        var gates = GateFile.Parse(Valid, "gates.yaml");

        var error = Assert.Throws<GateFileException>(() => BenchGates.CheckPatterns(gates, ["baseline", "chain-of-thought"]));

        Assert.StartsWith("gates.yaml:5:5: the gate names the pattern 'self-consistency', which the bench does not run", error.Diagnostics[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_ships_with_the_package_and_names_every_threshold()
    {
        foreach (var name in new[] { "min_accuracy", "max_latency_p95_ms", "max_cost_usd", "max_error_rate", "max_tokens_delta_percent", "max_tool_error_rate", "min_accuracy_delta_points", "max_unparsed_answer_rate" })
        {
            Assert.Contains($"\"{name}\"", GateFile.JsonSchema, StringComparison.Ordinal);
        }
    }
}
