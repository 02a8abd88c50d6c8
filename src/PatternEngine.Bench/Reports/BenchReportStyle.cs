namespace PatternEngine.Bench.Reports;

/// <summary>The HTML report's stylesheet, inline. It uses no &lt;, &gt; or &amp; (the document is also XML) and loads nothing.</summary>
internal static class BenchReportStyle
{
    public const string Css = """

        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; }
        h1 { font-size: 1.6rem; margin-bottom: 0.5rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; }
        dl.settings { display: grid; grid-template-columns: max-content auto; gap: 0.15rem 1rem; }
        dl.settings dt { font-weight: 600; }
        dl.settings dd { margin: 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #f6f8fa; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.delta, td.na { font-variant-numeric: tabular-nums; }
        .verdict.inside { color: #1a7f37; font-weight: 600; }
        .verdict.below, .verdict.above { color: #bc4c00; font-weight: 600; }
        ol.notes { font-size: 0.9rem; color: #59636e; }
        figure { margin: 0.75rem 0 1.25rem; }
        figcaption { font-weight: 600; margin-bottom: 0.25rem; }
        svg.chart { max-width: 100%; height: auto; }
        svg text { font-size: 11px; fill: #1f2328; }
        svg text.tick, svg text.unit, svg text.na { fill: #59636e; }
        svg line.grid { stroke: #eaeef2; }
        svg line.zero { stroke: #59636e; stroke-width: 1; }
        svg rect.expected { fill: #2da44e; fill-opacity: 0.15; }
        svg rect.bar { fill: #8c959f; }
        svg rect.bar.inside { fill: #2da44e; }
        svg rect.bar.below, svg rect.bar.above { fill: #e16f24; }
        svg .whisker line { stroke: #1f2328; stroke-width: 1.5; }
        svg circle.sample { fill: #0969da; fill-opacity: 0.45; }
        svg line.p50 { stroke: #1f2328; stroke-width: 2.5; }
        svg line.p95 { stroke: #cf222e; stroke-width: 2; stroke-dasharray: 3 2; }

        """;
}
