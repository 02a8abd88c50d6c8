using System.Globalization;
using System.Xml.Linq;

namespace PatternEngine.Bench.Reports;

/// <summary>
/// The bench report as one self-contained HTML file: inline CSS and inline SVG charts (a delta bar per pattern and
/// metric with its 95% interval as a whisker and the expected range shaded; each pattern's latency distribution with
/// p50 and p95 marked), then the same tables as <see cref="BenchReportMarkdown"/>. It holds no script and refers to
/// nothing outside itself, so it opens offline. The markup is well-formed XML (XHTML-compatible), and all text from
/// the bench's inputs is encoded.
/// </summary>
public static class BenchReportHtml
{
    // HTML elements that have no content; every other empty element is written with an end tag.
    private static readonly HashSet<string> VoidElements = ["meta", "br", "hr", "col"];

    /// <summary>The report as an HTML document.</summary>
    public static string ToHtml(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var parts = new BenchReportParts(report);
        var title = $"Pattern bench: {report.Model}, {BenchFormat.Date(report.StartedAt)}";
        var html = new XElement("html", new XAttribute("lang", "en"),
            new XElement("head",
                new XElement("meta", new XAttribute("charset", "utf-8")),
                new XElement("meta", new XAttribute("name", "viewport"), new XAttribute("content", "width=device-width, initial-scale=1")),
                new XElement("title", title),
                new XElement("style", BenchReportStyle.Css)),
            new XElement("body",
                new XElement("h1", "Pattern bench"),
                Settings(report),
                new XElement("h2", "Figures per pattern"),
                Figures(report),
                new XElement("h2", "Checklist metrics (95% intervals)"),
                Table(["pattern", .. ChecklistMetric.All.Select(m => m.Label)], report.Patterns.Select(p => (XElement[])[Cell(p.Pattern), .. ChecklistMetric.All.Select(m => Number(m.Format(p)))])),
                Deltas(parts),
                new XElement("h2", "Summary for stakeholders"),
                new XElement("p", "In business terms, from the measured figures only; brackets hold 95% intervals, and a difference is stated only where its interval excludes no change."),
                Summary.StakeholderSummary.Sentences(report).Select(s => new XElement("section", new XAttribute("class", "summary"),
                    new XElement("h3", s.Pattern), new XElement("ul", s.Sentences.Select(sentence => new XElement("li", sentence))))),
                Latency(report),
                TurnCurveSections.Html(report),
                Cached(parts),
                Failed(parts),
                Skipped(report)));

        // In HTML "<td/>" opens an element and never closes it: write empty HTML elements with an end tag. SVG may self-close.
        foreach (var element in html.Descendants().Where(e => e.IsEmpty && !VoidElements.Contains(e.Name.LocalName) && !e.AncestorsAndSelf("svg").Any()))
        {
            element.Value = "";
        }

        return "<!DOCTYPE html>\n" + html.ToString() + "\n";
    }

    private static XElement Settings(BenchReport report) => new("dl", new XAttribute("class", "settings"),
        Setting("Model", report.ModelVersion is { Length: > 0 } version ? $"{report.Model} ({version})" : report.Model),
        Setting("Date", BenchFormat.Date(report.StartedAt)),
        Setting("Golden file", report.GoldenFile),
        Setting("Cases × repeats", $"{BenchFormat.Count(report.Cases)} × {BenchFormat.Count(report.Repeats)}"),
        Setting("Seed", report.Seed.ToString(CultureInfo.InvariantCulture)),
        Setting("Bootstrap", $"{BenchFormat.Count(report.BootstrapResamples)} resamples, paired over cases; intervals are 95%"),
        Setting("Baseline", report.Baseline),
        report.Interrupted ? Setting("Interrupted", $"the bench was stopped; the figures are those of the {BenchFormat.Count(report.Samples.Length)} runs that finished") : []);

    private static IEnumerable<XElement> Setting(string name, string value) => [new("dt", name), new("dd", value)];

    private static IEnumerable<XElement> Figures(BenchReport report)
    {
        yield return Table(
            ["pattern", "version", "runs", "failed", "cached", "mean tokens", "mean cost", "accuracy", "latency p50", "latency p95"],
            report.Patterns.Select(p => new[]
            {
                Cell(p.Pattern + (p.IsBaseline ? " (baseline)" : "")),
                Cell(p.Version),
                Number(BenchFormat.Count(p.Runs)),
                Number(BenchFormat.Count(p.FailedRuns)),
                Number(BenchFormat.Count(p.CachedRuns)),
                Number(BenchFormat.Tokens(p.MeanTokens)),
                Number(BenchFormat.Cost(p.MeanCostUsd, p.UnpricedCalls)),
                Number(BenchFormat.Accuracy(p.Accuracy)),
                Number(BenchFormat.Latency(p, p.LatencyP50Ms)),
                Number(BenchFormat.Latency(p, p.LatencyP95Ms)),
            }));
        if (report.Patterns.Any(p => p.CachedRuns > 0))
        {
            yield return new XElement("p", "Latency percentiles leave out cached runs (listed below): their latency is the recorded one.");
        }

        foreach (var p in report.Patterns.Where(p => p.UnpricedCalls > 0))
        {
            yield return new XElement("p", $"The cost of {p.Pattern} is unknown: {BenchFormat.Count(p.UnpricedCalls)} call(s) went to models the catalog does not price (give them a price with --catalog); what it shows covers the priced calls only.");
        }
    }

    private static IEnumerable<XElement> Deltas(BenchReportParts parts)
    {
        yield return new XElement("h2", "Deltas against the baseline");
        if (parts.Compared.IsEmpty)
        {
            yield return new XElement("p", "Only the baseline ran: there is nothing to compare.");
            yield break;
        }

        yield return new XElement("p",
            "Change from the baseline in percent (tokens, cost, latency) or percentage points (accuracy). Bars show the measured delta, ",
            "whiskers its 95% interval, the shaded band the quick sheet's expected range; a bar is green inside that range, ",
            "orange outside it, grey when the pattern states none.");
        foreach (var metric in BenchMetric.All)
        {
            yield return new XElement("figure", new XAttribute("class", "delta-chart"), new XAttribute("data-metric", metric.Key),
                new XElement("figcaption", $"{metric.Label} ({(metric.InPoints ? "points" : "percent")})"),
                BenchReportCharts.DeltaChart(parts, metric));
        }

        yield return Table(
            ["pattern", .. BenchMetric.All.Select(m => m.Label)],
            parts.Compared.Select(p => (XElement[])[Cell(p.Pattern), .. BenchMetric.All.Select(m => DeltaCell(parts, m, p))]));
        if (parts.Notes.Count > 0)
        {
            yield return new XElement("ol", new XAttribute("class", "notes"),
                parts.Notes.Select((note, i) => new XElement("li", new XAttribute("id", $"note-{i + 1}"), $"Not computed: {note}.")));
        }
    }

    private static XElement DeltaCell(BenchReportParts parts, BenchMetric metric, PatternSummary pattern)
    {
        if (metric.Of(pattern.Deltas) is not { } delta)
        {
            var note = parts.NoteFor(metric, pattern);
            return new XElement("td", new XAttribute("class", "na"), BenchFormat.NotAvailable,
                new XElement("sup", new XElement("a", new XAttribute("href", $"#note-{note}"), note.ToString(CultureInfo.InvariantCulture))));
        }

        var cell = new XElement("td", new XAttribute("class", "delta"), BenchFormat.Delta(delta, metric));
        if (delta.Expected is { } expected)
        {
            var verdict = BenchFormat.Verdict(delta.Verdict);
            cell.Add($" · expected {BenchFormat.Range(expected, metric)} · ", new XElement("span", new XAttribute("class", "verdict " + verdict), verdict));
        }

        return cell;
    }

    private static IEnumerable<XElement> Latency(BenchReport report) => !report.LatencyMeasured
    ? [new("h2", "Latency per pattern"), new("p", "Latency was " + BenchFormat.NotMeasured + ": the bench went through the provider's batch API, whose turnaround says nothing of a live call.")]
    : [
        new("h2", "Latency per pattern"),
        new("p", "Each dot is a fresh run (cached runs are left out); the solid mark is p50, the dashed one p95."),
        new("figure", new XAttribute("class", "latency-chart"), BenchReportCharts.LatencyChart(report)),
    ];

    private static IEnumerable<XElement> Cached(BenchReportParts parts) => parts.Cached.IsEmpty ? [] :
    [
        new("h2", "Cached runs"),
        new("p", "Runs with a call answered from a cache or cassette: their latency is the recorded one, not a fresh measurement."),
        Table(["pattern", "cached runs", "cached calls", "served from", "cases"], parts.Cached.Select(c => new[]
        {
            Cell(c.Pattern),
            Number($"{BenchFormat.Count(c.Runs)} of {BenchFormat.Count(c.OfRuns)}"),
            Number(BenchFormat.Count(c.Calls)),
            Cell(c.ServedFrom),
            Cell(BenchReportParts.CaseList(c.Cases)),
        })),
    ];

    private static IEnumerable<XElement> Failed(BenchReportParts parts) => parts.Failed.IsEmpty ? [] :
    [
        new("h2", "Failed runs"),
        Table(["pattern", "case", "repeat", "error"], parts.Failed.Select(s => new[]
        {
            Cell(s.Pattern),
            Cell(s.CaseId),
            Number(BenchFormat.Count(s.Repeat)),
            Cell(BenchFormat.OneLine(s.Error ?? "", 500)),
        })),
    ];

    private static IEnumerable<XElement> Skipped(BenchReport report) => report.SkippedLines.IsEmpty ? [] :
    [
        new("h2", "Skipped golden lines"),
        new("ul", report.SkippedLines.Select(l => new XElement("li", l.ToString()))),
    ];

    private static XElement Table(IEnumerable<string> headers, IEnumerable<XElement[]> rows) => new("table",
        new XElement("thead", new XElement("tr", headers.Select(h => new XElement("th", h)))),
        new XElement("tbody", rows.Select(cells => new XElement("tr", cells))));

    private static XElement Cell(string text) => new("td", text);

    private static XElement Number(string text) => new("td", new XAttribute("class", "num"), text);
}
