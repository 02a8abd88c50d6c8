using System.Text;

namespace PatternEngine.Bench.Reports;

/// <summary>
/// The bench report as GitHub-flavoured Markdown, for a pull request: a header with the settings, a table of
/// figures per pattern, a table of deltas against the baseline (each with its 95% interval, the expected range
/// and the verdict), footnotes for deltas that could not be computed, then cached runs, failed runs and skipped
/// golden lines. Text from the bench's inputs (names, case ids, errors, paths) is escaped, so it cannot form
/// Markdown or HTML.
/// </summary>
public static class BenchReportMarkdown
{
    /// <summary>The report as Markdown text, with <c>\n</c> line ends.</summary>
    public static string ToMarkdown(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var parts = new BenchReportParts(report);
        var md = new StringBuilder();
        Header(md, report);
        Figures(md, report);
        Checklist(md, report);
        Deltas(md, parts);
        TurnCurveSections.Markdown(md, report);
        Cached(md, parts);
        Failed(md, parts);
        Skipped(md, report);
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void Header(StringBuilder md, BenchReport report)
    {
        var model = report.ModelVersion is { Length: > 0 } version ? $"{Escape(report.Model)} ({Escape(version)})" : Escape(report.Model);
        md.Append("# Pattern bench\n\n")
          .Append("- **Model:** ").Append(model).Append('\n')
          .Append("- **Date:** ").Append(BenchFormat.Date(report.StartedAt)).Append('\n')
          .Append("- **Golden file:** ").Append(Escape(report.GoldenFile)).Append('\n')
          .Append("- **Cases × repeats:** ").Append(BenchFormat.Count(report.Cases)).Append(" × ").Append(BenchFormat.Count(report.Repeats)).Append('\n')
          .Append("- **Seed:** ").Append(report.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
          .Append("- **Bootstrap:** ").Append(BenchFormat.Count(report.BootstrapResamples)).Append(" resamples, paired over cases; intervals are 95%\n")
          .Append("- **Baseline:** ").Append(Escape(report.Baseline)).Append('\n');
        if (report.Interrupted)
        {
            md.Append("- **Interrupted:** the bench was stopped; the figures are those of the ").Append(BenchFormat.Count(report.Samples.Length)).Append(" runs that finished\n");
        }

        md.Append('\n');
    }

    private static void Checklist(StringBuilder md, BenchReport report)
    {
        md.Append("## Checklist metrics (95% intervals)\n\n")
          .Append("| pattern | ").Append(string.Join(" | ", ChecklistMetric.All.Select(m => m.Label))).Append(" |\n")
          .Append("|---|").Append(string.Concat(ChecklistMetric.All.Select(_ => "--:|"))).Append('\n');
        foreach (var p in report.Patterns)
        {
            Row(md, [Escape(p.Pattern), .. ChecklistMetric.All.Select(m => m.Format(p))]);
        }

        md.Append('\n');
    }

    private static void Figures(StringBuilder md, BenchReport report)
    {
        md.Append("## Figures per pattern\n\n")
          .Append("| pattern | version | runs | failed | cached | mean tokens | mean cost | accuracy | latency p50 | latency p95 |\n")
          .Append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (var p in report.Patterns)
        {
            Row(md,
                Escape(p.Pattern) + (p.IsBaseline ? " (baseline)" : ""),
                Escape(p.Version),
                BenchFormat.Count(p.Runs),
                BenchFormat.Count(p.FailedRuns),
                BenchFormat.Count(p.CachedRuns),
                BenchFormat.Tokens(p.MeanTokens),
                BenchFormat.Cost(p.MeanCostUsd, p.UnpricedCalls),
                BenchFormat.Accuracy(p.Accuracy),
                BenchFormat.Latency(p, p.LatencyP50Ms),
                BenchFormat.Latency(p, p.LatencyP95Ms));
        }

        md.Append('\n');
        if (report.Patterns.Any(p => p.CachedRuns > 0))
        {
            md.Append("Latency percentiles leave out cached runs (listed below): their latency is the recorded one.\n\n");
        }

        foreach (var p in report.Patterns.Where(p => p.UnpricedCalls > 0))
        {
            md.Append("The cost of ").Append(Escape(p.Pattern)).Append(" is unknown: ")
              .Append(BenchFormat.Count(p.UnpricedCalls)).Append(" call(s) went to models the catalog does not price (give them a price with --catalog); what it shows covers the priced calls only.\n\n");
        }
    }

    private static void Deltas(StringBuilder md, BenchReportParts parts)
    {
        md.Append("## Deltas against the baseline\n\n");
        if (parts.Compared.IsEmpty)
        {
            md.Append("Only the baseline ran: there is nothing to compare.\n\n");
            return;
        }

        md.Append("Change from the baseline in percent (tokens, cost, latency) or percentage points (accuracy); ")
          .Append("in brackets the 95% interval; then the quick sheet's expected range and where the measurement falls.\n\n")
          .Append("| pattern |");
        foreach (var metric in BenchMetric.All)
        {
            md.Append(' ').Append(metric.Label).Append(" |");
        }

        md.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---|", BenchMetric.All.Length))).Append('\n');
        foreach (var p in parts.Compared)
        {
            Row(md, [Escape(p.Pattern), .. BenchMetric.All.Select(m => m.Of(p.Deltas) is { } delta
                ? BenchFormat.DeltaWithExpectation(delta, m)
                : $"{BenchFormat.NotAvailable}[^{parts.NoteFor(m, p)}]")]);
        }

        md.Append('\n');
        for (var i = 0; i < parts.Notes.Count; i++)
        {
            md.Append("[^").Append(i + 1).Append("]: Not computed: ").Append(parts.Notes[i]).Append(".\n");
        }

        if (parts.Notes.Count > 0)
        {
            md.Append('\n');
        }
    }

    private static void Cached(StringBuilder md, BenchReportParts parts)
    {
        if (parts.Cached.IsEmpty)
        {
            return;
        }

        md.Append("## Cached runs\n\n")
          .Append("Runs with a call answered from a cache or cassette: their latency is the recorded one, not a fresh measurement.\n\n")
          .Append("| pattern | cached runs | cached calls | served from | cases |\n|---|--:|--:|---|---|\n");
        foreach (var c in parts.Cached)
        {
            Row(md, Escape(c.Pattern), $"{BenchFormat.Count(c.Runs)} of {BenchFormat.Count(c.OfRuns)}", BenchFormat.Count(c.Calls), c.ServedFrom, Escape(BenchReportParts.CaseList(c.Cases)));
        }

        md.Append('\n');
    }

    private static void Failed(StringBuilder md, BenchReportParts parts)
    {
        if (parts.Failed.IsEmpty)
        {
            return;
        }

        md.Append("## Failed runs\n\n| pattern | case | repeat | error |\n|---|---|--:|---|\n");
        foreach (var s in parts.Failed)
        {
            Row(md, Escape(s.Pattern), Escape(s.CaseId), BenchFormat.Count(s.Repeat), Escape(BenchFormat.OneLine(s.Error ?? "")));
        }

        md.Append('\n');
    }

    private static void Skipped(StringBuilder md, BenchReport report)
    {
        if (report.SkippedLines.IsEmpty)
        {
            return;
        }

        md.Append("## Skipped golden lines\n\n");
        foreach (var line in report.SkippedLines)
        {
            md.Append("- ").Append(Escape(line.ToString())).Append('\n');
        }

        md.Append('\n');
    }

    private static void Row(StringBuilder md, params string[] cells) => md.Append("| ").AppendJoin(" | ", cells).Append(" |\n");

    /// <summary>
    /// Text that reads as itself in Markdown and in a table cell: the characters that could start emphasis, a link,
    /// code, HTML or an entity, or end a cell, are escaped, and line breaks become spaces.
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '&' or '!' or '#':
                    escaped.Append('\\').Append(c);
                    break;
                case '\r' or '\n' or '\t':
                    escaped.Append(' ');
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }
}
