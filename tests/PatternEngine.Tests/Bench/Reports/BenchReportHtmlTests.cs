using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using PatternEngine.Bench;
using PatternEngine.Bench.Reports;

namespace PatternEngine.Tests.Bench.Reports;

public sealed class BenchReportHtmlTests
{
    private static readonly HashSet<string> VoidElements = ["meta", "br", "hr", "col", "img", "link", "input"];

    private readonly BenchReport _report = SyntheticBenchReport.Create();

    private static XDocument Parse(string html)
    {
        // The document starts with "<!DOCTYPE html>", which an XML reader takes for a DTD without content.
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static IEnumerable<XElement> WithClass(XContainer root, string name, string cssClass) =>
        root.Descendants(name).Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    [Fact]
    public void The_html_report_is_one_well_formed_document_that_starts_as_html5()
    {
        var html = BenchReportHtml.ToHtml(_report);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        var document = Parse(html);
        Assert.Equal("html", document.Root!.Name.LocalName);
        Assert.Equal("utf-8", (string?)document.Descendants("meta").First().Attribute("charset"));
    }

    [Fact]
    public void The_html_report_refers_to_nothing_outside_itself_and_runs_no_script()
    {
        var html = BenchReportHtml.ToHtml(_report);
        var document = Parse(html);

        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object" or "embed" or "image" or "use");
        foreach (var attribute in document.Descendants().Attributes())
        {
            var name = attribute.Name.LocalName;
            Assert.False(name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute}");
            if (name is "src" or "href" or "action" or "xlink:href" or "srcset")
            {
                Assert.StartsWith("#", attribute.Value, StringComparison.Ordinal);
            }
        }

        var css = string.Concat(document.Descendants("style").Select(s => s.Value));
        Assert.DoesNotContain("@import", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_compared_pattern_has_one_delta_row_per_metric_and_each_delta_one_bar_with_its_whisker()
    {
        var document = Parse(BenchReportHtml.ToHtml(_report));
        var rows = WithClass(document, "g", "delta").ToArray();

        Assert.Equal(2 * BenchMetric.All.Length, rows.Length);
        foreach (var pattern in _report.Patterns.Where(p => !p.IsBaseline))
        {
            foreach (var metric in BenchMetric.All)
            {
                var row = Assert.Single(rows, r => (string?)r.Attribute("data-pattern") == pattern.Pattern && (string?)r.Attribute("data-metric") == metric.Key);
                if (metric.Of(pattern.Deltas) is not { } delta)
                {
                    Assert.Empty(WithClass(row, "rect", "bar"));
                    Assert.Contains("n/a", WithClass(row, "text", "na").Single().Value, StringComparison.Ordinal);
                    continue;
                }

                var bar = Assert.Single(WithClass(row, "rect", "bar"));
                var whisker = Assert.Single(WithClass(row, "g", "whisker"));
                var interval = Assert.Single(WithClass(whisker, "line", "ci"));
                Assert.Equal(2, WithClass(whisker, "line", "cap").Count());
                Assert.Equal(delta.Expected is null ? 0 : 1, WithClass(row, "rect", "expected").Count());
                Assert.Contains(BenchFormat.Verdict(delta.Verdict).Replace(' ', '-'), ((string)bar.Attribute("class")!).Split(' '));

                // The bar ends at the delta, which lies inside its interval.
                var left = Coordinate(bar, "x");
                var right = left + Coordinate(bar, "width");
                var end = delta.Value < 0 ? left : right;
                Assert.InRange(end, Coordinate(interval, "x1") - 0.01, Coordinate(interval, "x2") + 0.01);
            }
        }
    }

    [Fact]
    public void The_latency_chart_has_a_dot_per_fresh_run_and_marks_p50_and_p95()
    {
        var document = Parse(BenchReportHtml.ToHtml(_report));

        foreach (var pattern in _report.Patterns)
        {
            var row = Assert.Single(WithClass(document, "g", "latency"), r => (string?)r.Attribute("data-pattern") == pattern.Pattern);
            var fresh = _report.Samples.Count(s => s.Pattern == pattern.Pattern && !s.Cached);
            Assert.Equal(fresh, WithClass(row, "circle", "sample").Count());
            Assert.Equal(pattern.LatencyP50Ms is null ? 0 : 1, WithClass(row, "line", "p50").Count());
            Assert.Equal(pattern.LatencyP95Ms is null ? 0 : 1, WithClass(row, "line", "p95").Count());
        }

        var baseline = WithClass(document, "g", "latency").First();
        Assert.True(Coordinate(WithClass(baseline, "line", "p50").Single(), "x1") < Coordinate(WithClass(baseline, "line", "p95").Single(), "x1"));
    }

    [Fact]
    public void Text_from_the_bench_inputs_is_encoded_and_reads_as_itself()
    {
        var html = BenchReportHtml.ToHtml(_report);
        var document = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains(document.Descendants("td"), td => td.Value == SyntheticBenchReport.Hostile);
        Assert.Contains(document.Descendants("td"), td => td.Value.StartsWith("model timed out [after 30 s] | <b>twice</b> second line", StringComparison.Ordinal));
    }

    [Fact]
    public void No_html_element_outside_the_charts_is_written_self_closed_even_when_a_table_has_no_rows()
    {
        // In HTML "<tbody/>" opens an element and never closes it.
        var document = Parse(BenchReportHtml.ToHtml(_report with { Patterns = [], Samples = [], Baseline = "" }));

        var selfClosed = document.Descendants()
            .Where(e => e.IsEmpty && !VoidElements.Contains(e.Name.LocalName) && !e.AncestorsAndSelf("svg").Any())
            .Select(e => e.Name.LocalName);
        Assert.Empty(selfClosed);
    }

    [Fact]
    public void The_html_report_holds_the_same_tables_as_the_markdown()
    {
        var document = Parse(BenchReportHtml.ToHtml(_report));
        var cells = document.Descendants("td").Select(td => td.Value).ToHashSet();

        Assert.Contains("$0.0000793", cells);
        Assert.Contains("2000.0 ms", cells);
        Assert.Contains("+212% [+180, +241] · expected +200–300% · inside", cells);
        Assert.Contains("-36% [-40, -30] · expected -30 to -10% · below", cells);
        Assert.Contains("n/a1", cells); // the note's number as a link
        Assert.Contains("6 of 6", cells);
        Assert.Contains(document.Descendants("li"), li => li.Value == "golden/qa.jsonl:4:1: expected a JSON object, found '[1, 2]'");
        Assert.Contains(document.Descendants("li"), li => li.Value.Contains("every run of this pattern was cached", StringComparison.Ordinal));
    }

    private static double Coordinate(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public void Cached_runs_say_when_their_calls_were_replayed_from_a_cassette()
    {
        var document = Parse(BenchReportHtml.ToHtml(SyntheticBenchReport.Replayed()));

        var row = Assert.Single(document.Descendants("tr"), tr => tr.Elements("td").Any(td => td.Value == "a replayed cassette"));
        Assert.Equal(SyntheticBenchReport.Hostile, row.Elements("td").First().Value);
    }
}
