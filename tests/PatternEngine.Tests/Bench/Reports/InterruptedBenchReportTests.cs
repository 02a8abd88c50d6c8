using System.Text.Json.Nodes;
using PatternEngine.Bench.Reports;

namespace PatternEngine.Tests.Bench.Reports;

public sealed class InterruptedBenchReportTests
{
    [Fact]
    public void An_interrupted_bench_says_so_in_every_format_and_a_whole_one_does_not()
    {
        var whole = SyntheticBenchReport.Create();
        var interrupted = whole with { Interrupted = true };
        var runs = interrupted.Samples.Length;

        Assert.True((bool)JsonNode.Parse(BenchReportJson.Serialize(interrupted))!["interrupted"]!);
        Assert.False((bool)JsonNode.Parse(BenchReportJson.Serialize(whole))!["interrupted"]!);
        Assert.Contains($"- **Interrupted:** the bench was stopped; the figures are those of the {runs} runs that finished", BenchReportMarkdown.ToMarkdown(interrupted), StringComparison.Ordinal);
        Assert.DoesNotContain("Interrupted", BenchReportMarkdown.ToMarkdown(whole), StringComparison.Ordinal);
        Assert.Contains("<dt>Interrupted</dt>", BenchReportHtml.ToHtml(interrupted), StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>Interrupted</dt>", BenchReportHtml.ToHtml(whole), StringComparison.Ordinal);
    }
}
