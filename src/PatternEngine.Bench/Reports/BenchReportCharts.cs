using System.Xml.Linq;

namespace PatternEngine.Bench.Reports;

/// <summary>The HTML report's charts, as inline SVG built here: no script, no font, nothing fetched.</summary>
internal static class BenchReportCharts
{
    private const double Width = 860;
    private const double PlotLeft = 200;
    private const double PlotRight = 620;
    private const double RowHeight = 30;
    private const double Top = 6;
    private const double AxisHeight = 22;
    private const int LabelChars = 28;

    /// <summary>
    /// One chart per metric: a bar per pattern from zero to its delta, the 95% interval as a whisker over it, and
    /// the expected range shaded behind. A missing delta is a row of text pointing at its note.
    /// </summary>
    public static XElement DeltaChart(BenchReportParts parts, BenchMetric metric)
    {
        var deltas = parts.Compared.Select(p => (Pattern: p, Delta: metric.Of(p.Deltas))).ToArray();
        var scale = new SvgScale(
            deltas.Where(d => d.Delta is not null).SelectMany(d => Extent(d.Delta!)).Append(0),
            PlotLeft, PlotRight);
        var height = Top + (deltas.Length * RowHeight) + AxisHeight;
        var svg = Svg(height, $"Delta against the baseline: {metric.Label}, with 95% intervals and expected ranges");
        svg.Add(Axis(scale, Top + (deltas.Length * RowHeight), metric.Unit.Trim()));
        for (var i = 0; i < deltas.Length; i++)
        {
            var (pattern, delta) = deltas[i];
            var top = Top + (i * RowHeight);
            var middle = top + (RowHeight / 2);
            var row = new XElement("g", new XAttribute("class", "delta"), new XAttribute("data-pattern", pattern.Pattern), new XAttribute("data-metric", metric.Key),
                Label(pattern.Pattern, middle));
            if (delta is null)
            {
                row.Add(Text("na", PlotLeft + 6, middle + 4, $"{BenchFormat.NotAvailable}: see note {parts.NoteFor(metric, pattern)}"));
            }
            else
            {
                if (delta.Expected is { } expected)
                {
                    var x0 = scale.X(expected.Min);
                    row.Add(Rect("expected", x0, top + 3, scale.X(expected.Max) - x0, RowHeight - 6, $"expected {BenchFormat.Range(expected, metric)}"));
                }

                var zero = scale.X(0);
                var end = scale.X(delta.Value);
                row.Add(
                    Rect("bar " + BenchFormat.Verdict(delta.Verdict).Replace(' ', '-'), Math.Min(zero, end), middle - 6, Math.Abs(end - zero), 12, BenchFormat.DeltaWithExpectation(delta, metric)),
                    Whisker(scale.X(delta.Low), scale.X(delta.High), middle, $"95% interval: {BenchFormat.Delta(delta, metric)}"),
                    Text("value", PlotRight + 10, middle + 4, BenchFormat.Delta(delta, metric)));
            }

            svg.Add(row);
        }

        svg.Add(Line("zero", scale.X(0), Top, scale.X(0), Top + (deltas.Length * RowHeight)));
        return svg;
    }

    /// <summary>Each pattern's fresh runs as a strip of dots along a latency axis, with its p50 and p95 marked.</summary>
    public static XElement LatencyChart(BenchReport report)
    {
        var patterns = report.Patterns;
        var fresh = report.Samples.Where(s => !s.Cached).ToLookup(s => s.Pattern, StringComparer.Ordinal);
        var scale = new SvgScale(
            fresh.SelectMany(g => g.Select(s => s.LatencyMs))
                .Concat(patterns.SelectMany(p => new[] { p.LatencyP50Ms, p.LatencyP95Ms }).OfType<double>())
                .Append(0),
            PlotLeft, PlotRight);
        var height = Top + (patterns.Length * RowHeight) + AxisHeight;
        var svg = Svg(height, "Latency of fresh runs per pattern, with p50 and p95 marked");
        svg.Add(Axis(scale, Top + (patterns.Length * RowHeight), "ms"));
        for (var i = 0; i < patterns.Length; i++)
        {
            var pattern = patterns[i];
            var middle = Top + (i * RowHeight) + (RowHeight / 2);
            var row = new XElement("g", new XAttribute("class", "latency"), new XAttribute("data-pattern", pattern.Pattern), Label(pattern.Pattern, middle));
            var samples = fresh[pattern.Pattern].ToArray();
            if (samples.Length == 0)
            {
                row.Add(Text("na", PlotLeft + 6, middle + 4, "every run was cached: no fresh latency"));
                svg.Add(row);
                continue;
            }

            for (var j = 0; j < samples.Length; j++)
            {
                var jitter = ((j * 7919) % 13) - 6; // spread the dots a little so that equal latencies stay visible
                row.Add(new XElement("circle", new XAttribute("class", "sample"), Attr("cx", scale.X(samples[j].LatencyMs)), Attr("cy", middle + jitter), new XAttribute("r", "2.5")));
            }

            if (pattern.LatencyP50Ms is { } p50)
            {
                row.Add(Mark("p50", scale.X(p50), middle, $"p50 {BenchFormat.Milliseconds(p50)}"));
            }

            if (pattern.LatencyP95Ms is { } p95)
            {
                row.Add(Mark("p95", scale.X(p95), middle, $"p95 {BenchFormat.Milliseconds(p95)}"));
            }

            row.Add(Text("value", PlotRight + 10, middle + 4, pattern.LatencyMeasured ? $"p50 {BenchFormat.Milliseconds(pattern.LatencyP50Ms)} · p95 {BenchFormat.Milliseconds(pattern.LatencyP95Ms)}" : "latency " + BenchFormat.NotMeasured));
            svg.Add(row);
        }

        return svg;
    }

    private static IEnumerable<double> Extent(DeltaEstimate delta) =>
        delta.Expected is { } range ? [delta.Value, delta.Low, delta.High, range.Min, range.Max] : [delta.Value, delta.Low, delta.High];

    private static XElement Svg(double height, string label) => new("svg",
        new XAttribute("class", "chart"),
        new XAttribute("role", "img"),
        new XAttribute("aria-label", label),
        new XAttribute("viewBox", $"0 0 {SvgScale.Coordinate(Width)} {SvgScale.Coordinate(height)}"),
        Attr("width", Width),
        Attr("height", height));

    private static XElement Axis(SvgScale scale, double bottom, string unit) => new("g", new XAttribute("class", "axis"),
        scale.Ticks().Select(t => new XElement("g",
            Line("grid", scale.X(t), Top, scale.X(t), bottom),
            Text("tick", scale.X(t), bottom + 14, scale.Label(t), anchor: "middle"))),
        Text("unit", PlotRight + 10, bottom + 14, unit));

    private static XElement Label(string pattern, double middle)
    {
        var shown = pattern.Length <= LabelChars ? pattern : string.Concat(pattern.AsSpan(0, LabelChars - 1), "…");
        var label = Text("label", PlotLeft - 10, middle + 4, shown, anchor: "end");
        label.Add(new XElement("title", pattern));
        return label;
    }

    private static XElement Whisker(double low, double high, double middle, string title) => new("g", new XAttribute("class", "whisker"),
        new XElement("title", title),
        Line("ci", low, middle, high, middle),
        Line("cap", low, middle - 5, low, middle + 5),
        Line("cap", high, middle - 5, high, middle + 5));

    private static XElement Mark(string kind, double x, double middle, string title)
    {
        var line = Line(kind, x, middle - 10, x, middle + 10);
        line.Add(new XElement("title", title));
        return line;
    }

    private static XElement Rect(string kind, double x, double y, double width, double height, string title) => new("rect",
        new XAttribute("class", kind), Attr("x", x), Attr("y", y), Attr("width", Math.Max(width, 1)), Attr("height", height),
        new XElement("title", title));

    internal static XElement Line(string kind, double x1, double y1, double x2, double y2) => new("line",
        new XAttribute("class", kind), Attr("x1", x1), Attr("y1", y1), Attr("x2", x2), Attr("y2", y2));

    internal static XElement Text(string kind, double x, double y, string text, string anchor = "start") => new("text",
        new XAttribute("class", kind), Attr("x", x), Attr("y", y), new XAttribute("text-anchor", anchor), text);

    internal static XAttribute Attr(string name, double value) => new(name, SvgScale.Coordinate(value));
}
