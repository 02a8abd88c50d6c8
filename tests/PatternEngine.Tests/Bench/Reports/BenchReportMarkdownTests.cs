using PatternEngine.Bench.Reports;

namespace PatternEngine.Tests.Bench.Reports;

public sealed class BenchReportMarkdownTests
{
    [Fact]
    public void The_markdown_report_gives_the_settings_the_figures_the_deltas_and_the_notes()
    {
        var markdown = BenchReportMarkdown.ToMarkdown(SyntheticBenchReport.Create());

        Assert.Equal(Expected, markdown);
    }

    [Fact]
    public void Every_table_row_has_as_many_cells_as_its_header_even_when_an_error_holds_a_pipe_or_a_line_break()
    {
        var lines = BenchReportMarkdown.ToMarkdown(SyntheticBenchReport.Create()).Split('\n');

        var tables = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|') || (i > 0 && lines[i - 1].StartsWith('|')))
            {
                continue;
            }

            tables++;
            var columns = Cells(lines[i]);
            for (var j = i + 1; j < lines.Length && lines[j].StartsWith('|'); j++)
            {
                Assert.True(Cells(lines[j]) == columns, lines[j]);
            }
        }

        Assert.Equal(5, tables);
    }

    [Fact]
    public void Text_from_the_bench_inputs_cannot_form_html_or_markdown()
    {
        var markdown = BenchReportMarkdown.ToMarkdown(SyntheticBenchReport.Create());

        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", markdown, StringComparison.Ordinal);
        Assert.Contains(@"\<script\>alert(1)\</script\>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_of_the_baseline_alone_says_there_is_nothing_to_compare()
    {
        var report = SyntheticBenchReport.Create();
        report = report with { Patterns = [report.Patterns[0]], Samples = [.. report.Samples.Where(s => s.Pattern == "baseline")] };

        var markdown = BenchReportMarkdown.ToMarkdown(report);

        Assert.Contains("Only the baseline ran: there is nothing to compare.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("[^", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("## Cached runs", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Deltas_missing_for_different_reasons_get_one_footnote_each()
    {
        var report = SyntheticBenchReport.Create();
        var hostile = report.Patterns[2];
        report = report with { Patterns = [report.Patterns[0], report.Patterns[1], hostile with { Accuracy = null, Deltas = hostile.Deltas with { AccuracyPoints = null } }] };

        var markdown = BenchReportMarkdown.ToMarkdown(report);

        Assert.Contains("| n/a[^1] | n/a[^1] | n/a[^2] |", markdown, StringComparison.Ordinal);
        Assert.Contains("[^1]: Not computed: every run of this pattern was cached, so its latency was not measured.", markdown, StringComparison.Ordinal);
        Assert.Contains("[^2]: Not computed: no run of this pattern was scored.", markdown, StringComparison.Ordinal);
    }

    // Cells are separated by pipes that are not escaped.
    private static int Cells(string row) => row.Replace(@"\|", "", StringComparison.Ordinal).Count(c => c == '|') - 1;

    private const string Expected = """
        # Pattern bench

        - **Model:** stories260K (sha256:4f2a)
        - **Date:** 2026-11-27 01:30:00 UTC
        - **Golden file:** golden/qa.jsonl
        - **Cases × repeats:** 3 × 2
        - **Seed:** 42
        - **Bootstrap:** 2,000 resamples, paired over cases; intervals are 95%
        - **Baseline:** baseline

        ## Figures per pattern

        | pattern | version | runs | failed | cached | mean tokens | mean cost | accuracy | latency p50 | latency p95 |
        |---|---|--:|--:|--:|--:|--:|--:|--:|--:|
        | baseline (baseline) | 1.0.0 | 6 | 0 | 0 | 100.0 | $0.000123 | 50.0% | 800.0 ms | 1000.0 ms |
        | chain-of-thought | 1.2.0 | 6 | 1 | 0 | 312.0 | ≥ $0.000384 | 66.7% | 2000.0 ms | 2400.0 ms |
        | \<script\>alert(1)\</script\> | 0.1.0 | 6 | 0 | 6 | 64.5 | $0.0000793 | 45.0% | n/a | n/a |

        Latency percentiles leave out cached runs (listed below): their latency is the recorded one.

        The cost of chain-of-thought is unknown: 2 call(s) went to models the catalog does not price (give them a price with --catalog); what it shows covers the priced calls only.

        ## Checklist metrics (95% intervals)

        | pattern | accuracy | error rate | tool-error rate | unparsed answers | refine accepted | refine rounds | vote agreement | guard detection | guard false positives | cost per run | latency p95 |
        |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
        | baseline | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |
        | chain-of-thought | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |
        | \<script\>alert(1)\</script\> | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |

        ## Deltas against the baseline

        Change from the baseline in percent (tokens, cost, latency) or percentage points (accuracy); in brackets the 95% interval; then the quick sheet's expected range and where the measurement falls.

        | pattern | tokens | cost | latency p50 | latency p95 | accuracy |
        |---|---|---|---|---|---|
        | chain-of-thought | +212% [+180, +241] · expected +200–300% · inside | +212% [+180, +241] | +150% [+120, +191] · expected +50–100% · above | +140% [+100, +180] | +16.7 pts [+0.0, +33.3] |
        | \<script\>alert(1)\</script\> | -36% [-40, -30] · expected -30 to -10% · below | -36% [-40, -30] | n/a[^1] | n/a[^1] | -5.0 pts [-12.5, +2.5] |

        [^1]: Not computed: every run of this pattern was cached, so its latency was not measured.

        ## Cached runs

        Runs with a call answered from a cache or cassette: their latency is the recorded one, not a fresh measurement.

        | pattern | cached runs | cached calls | served from | cases |
        |---|--:|--:|---|---|
        | \<script\>alert(1)\</script\> | 6 of 6 | 6 | a cache | c1, c2, c3 |

        ## Failed runs

        | pattern | case | repeat | error |
        |---|---|--:|---|
        | chain-of-thought | c2 | 1 | model timed out \[after 30 s\] \| \<b\>twice\</b\> second line |

        ## Skipped golden lines

        - golden/qa.jsonl:4:1: expected a JSON object, found '\[1, 2\]'

        """;

    [Fact]
    public void Cached_runs_say_when_their_calls_were_replayed_from_a_cassette()
    {
        var markdown = BenchReportMarkdown.ToMarkdown(SyntheticBenchReport.Replayed());

        Assert.Contains("| \\<script\\>alert(1)\\</script\\> | 6 of 6 | 6 | a replayed cassette | c1, c2, c3 |", markdown, StringComparison.Ordinal);
    }
}
