using System.Text.Json.Nodes;
using PatternEngine.Bench.Reports;

namespace PatternEngine.Tests.Bench.Reports;

public sealed class BenchReportJsonTests
{
    private static JsonObject Parse(string json) => Assert.IsType<JsonObject>(JsonNode.Parse(json));

    [Fact]
    public void The_json_report_parses_back_with_the_settings_and_skipped_lines()
    {
        var json = Parse(BenchReportJson.Serialize(SyntheticBenchReport.Create()));

        Assert.Equal("stories260K", (string?)json["model"]);
        Assert.Equal("sha256:4f2a", (string?)json["model_version"]);
        Assert.Equal("baseline", (string?)json["baseline"]);
        Assert.Equal("golden/qa.jsonl", (string?)json["golden_file"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero), (DateTimeOffset?)json["started_at"]);
        var settings = json["settings"]!;
        Assert.Equal(3, (int?)settings["cases"]);
        Assert.Equal(2, (int?)settings["repeats"]);
        Assert.Equal(42, (int?)settings["seed"]);
        Assert.Equal(2000, (int?)settings["bootstrap_resamples"]);
        var skipped = Assert.Single(json["skipped_lines"]!.AsArray())!;
        Assert.Equal(4, (int?)skipped["line"]);
        Assert.Equal("expected a JSON object, found '[1, 2]'", (string?)skipped["message"]);
    }

    [Fact]
    public void Each_pattern_holds_its_figures_and_deltas_with_interval_expected_range_and_verdict()
    {
        var patterns = Parse(BenchReportJson.Serialize(SyntheticBenchReport.Create()))["patterns"]!.AsArray();

        Assert.Equal(["baseline", "chain-of-thought", SyntheticBenchReport.Hostile], patterns.Select(p => (string?)p!["pattern"]));
        var cot = patterns[1]!;
        Assert.False((bool?)cot["is_baseline"]);
        Assert.Equal(312.04, (double?)cot["mean_tokens"]);
        Assert.Equal(0.000384, (double?)cot["mean_cost_usd"]);
        Assert.Equal(2000.04, (double?)cot["latency_p50_ms"]);
        Assert.Equal(2, (int?)cot["unpriced_calls"]);
        var tokens = cot["deltas"]!["tokens_percent"]!;
        Assert.Equal(212.04, (double?)tokens["value"]);
        Assert.Equal(180.4, (double?)tokens["low"]);
        Assert.Equal(240.6, (double?)tokens["high"]);
        Assert.Equal(200, (double?)tokens["expected"]!["min"]);
        Assert.Equal(300, (double?)tokens["expected"]!["max"]);
        Assert.Equal("inside", (string?)tokens["verdict"]);
        Assert.Equal("above", (string?)cot["deltas"]!["latency_p50_percent"]!["verdict"]);
        Assert.Null(cot["deltas"]!["cost_percent"]!["expected"]);
        Assert.Equal("not_stated", (string?)cot["deltas"]!["cost_percent"]!["verdict"]);
        Assert.Empty(cot["deltas_unavailable"]!.AsObject());

        var hostile = patterns[2]!;
        Assert.Equal("below", (string?)hostile["deltas"]!["tokens_percent"]!["verdict"]);
        Assert.Null(hostile["latency_p50_ms"]);
        Assert.True(hostile["deltas"]!.AsObject().ContainsKey("latency_p50_percent"));
        Assert.Null(hostile["deltas"]!["latency_p50_percent"]);
        Assert.Equal("every run of this pattern was cached, so its latency was not measured", (string?)hostile["deltas_unavailable"]!["latency_p50_percent"]);
    }

    [Fact]
    public void Samples_keep_their_figures_and_calls_but_not_the_messages()
    {
        var report = SyntheticBenchReport.Create();
        var text = BenchReportJson.Serialize(report);
        var samples = Parse(text)["samples"]!.AsArray();

        Assert.Equal(report.Samples.Length, samples.Count);
        var cached = samples.Single(s => (string?)s!["pattern"] == SyntheticBenchReport.Hostile && (string?)s["case_id"] == "c1" && (int?)s["repeat"] == 0)!;
        Assert.True((bool?)cached["cached"]);
        Assert.Equal(1, (int?)cached["cached_calls"]);
        Assert.Equal(100, (long?)cached["total_tokens"]);
        Assert.Equal(0.000123m, (decimal?)cached["cost_usd"]);
        var call = cached["stages"]![0]!["call_records"]![0]!;
        Assert.Equal(60, (long?)call["output_tokens"]);
        Assert.False(call.AsObject().ContainsKey("messages"));
        Assert.DoesNotContain("capital of France", text, StringComparison.Ordinal);
        Assert.DoesNotContain("a long response", text, StringComparison.Ordinal);
        Assert.Equal(SyntheticBenchReport.FailedRunError, (string?)samples.Single(s => s!["error"] is not null)!["error"]);
    }

    [Fact]
    public void A_figure_that_is_not_a_finite_number_is_written_as_null()
    {
        var report = SyntheticBenchReport.Create();
        report = report with { Patterns = [report.Patterns[0] with { MeanTokens = double.NaN, LatencyP95Ms = double.PositiveInfinity }] };

        var baseline = Parse(BenchReportJson.Serialize(report))["patterns"]![0]!;

        Assert.Null(baseline["mean_tokens"]);
        Assert.Null(baseline["latency_p95_ms"]);
        Assert.Equal(800, (double?)baseline["latency_p50_ms"]);
    }

    [Fact]
    public void Samples_count_replayed_calls_apart_from_cached_ones()
    {
        var cached = Parse(BenchReportJson.Serialize(SyntheticBenchReport.Create()))["samples"]!.AsArray();
        var replayed = Parse(BenchReportJson.Serialize(SyntheticBenchReport.Replayed()))["samples"]!.AsArray();

        Assert.All(cached, s => Assert.Equal(0, (int?)s!["replayed_calls"]));
        Assert.All(replayed, s => Assert.Equal((int?)s!["cached_calls"], (int?)s["replayed_calls"]));
        Assert.Contains(replayed, s => (int?)s!["replayed_calls"] > 0);
    }
}
