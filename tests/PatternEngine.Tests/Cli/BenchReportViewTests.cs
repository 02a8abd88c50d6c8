using System.Text.RegularExpressions;
using PatternEngine.Bench;
using PatternEngine.Cli.Output;
using PatternEngine.Tests.Bench.Reports;
using Spectre.Console;

namespace PatternEngine.Tests.Cli;

public sealed class BenchReportViewTests
{
    private static string Render(bool colours = false, BenchReport? report = null)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = colours ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colours ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 220;
        BenchReportView.Write(console, report ?? SyntheticBenchReport.Create());
        return writer.ToString();
    }

    [Fact]
    public void The_view_shows_the_settings_and_each_patterns_figures()
    {
        var text = Render();

        Assert.Contains("stories260K (sha256:4f2a) · 2026-11-27 01:30:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("golden file golden/qa.jsonl · 3 cases × 2 repeats · seed 42 · 2,000 bootstrap resamples", text, StringComparison.Ordinal);
        var baseline = Row(text, "baseline 1.0.0");
        Assert.Equal(["baseline", "1.0.0", "(baseline)", "6", "0", "0", "100.0", "$0.000123", "50.0%", "800.0", "ms", "1000.0", "ms"], baseline);
        var cot = Row(text, "chain-of-thought 1.2.0");
        Assert.Equal(["chain-of-thought", "1.2.0", "6", "1", "0", "312.0", "≥", "$0.000384", "66.7%", "2000.0", "ms", "2400.0", "ms"], cot);
    }

    [Fact]
    public void The_view_shows_each_delta_with_its_interval_expected_range_and_verdict()
    {
        var text = Render();

        Assert.Contains("+212% [+180, +241]", text, StringComparison.Ordinal);
        Assert.Contains("expected +200–300% inside", text, StringComparison.Ordinal);
        Assert.Contains("expected +50–100% above", text, StringComparison.Ordinal);
        Assert.Contains("expected -30 to -10% below", text, StringComparison.Ordinal);
        Assert.Contains("+16.7 pts [+0.0, +33.3]", text, StringComparison.Ordinal);
        Assert.Contains("n/a (1)", text, StringComparison.Ordinal);
        Assert.Contains("(1) not computed: every run of this pattern was cached, so its latency was not measured", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_view_colours_a_verdict_inside_its_range_green_and_one_outside_yellow()
    {
        var text = Render(colours: true);

        var inside = ColourBefore(text, "inside");
        Assert.Equal("32", inside); // green
        Assert.NotEmpty(ColourBefore(text, "above"));
        Assert.Equal(ColourBefore(text, "above"), ColourBefore(text, "below"));
        Assert.NotEqual(inside, ColourBefore(text, "above"));
    }

    [Fact]
    public void The_view_lists_cached_runs_failed_runs_and_skipped_lines_apart_with_their_text_as_written()
    {
        var lines = Render().Split('\n', StringSplitOptions.TrimEntries);

        Assert.Contains($"cached {SyntheticBenchReport.Hostile}: 6 of 6 runs had 6 call(s) answered from a cache; their recorded latency is left out of the percentiles (cases c1, c2, c3)", lines);
        Assert.Contains("failed chain-of-thought on c2 (repeat 1): model timed out [after 30 s] | <b>twice</b> second line", lines);
        Assert.Contains("skipped golden/qa.jsonl:4:1: expected a JSON object, found '[1, 2]'", lines);
        Assert.Contains("note the cost of chain-of-thought is unknown: 2 call(s) to models the catalog does not price (give them a price with --catalog)", lines);
    }

    // The ANSI colour code written just before the word.
    private static string ColourBefore(string text, string word) =>
        Regex.Match(text, $@"\u001b\[(\d+)m{word}").Groups[1].Value;

    // The cells of the table row that starts with the given text, split on white space.
    private static string[] Row(string text, string start) =>
        text.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(start, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void The_view_says_when_cached_runs_were_replayed_from_a_cassette()
    {
        var lines = Render(report: SyntheticBenchReport.Replayed()).Split('\n', StringSplitOptions.TrimEntries);

        Assert.Contains($"cached {SyntheticBenchReport.Hostile}: 6 of 6 runs had 6 call(s) answered from a replayed cassette; their recorded latency is left out of the percentiles (cases c1, c2, c3)", lines);
    }
}
