using System.Globalization;
using PatternEngine.Definitions;

namespace PatternEngine.Bench.Reports;

/// <summary>
/// The bench's figures as every report writes them, in the invariant culture: tokens to 1 decimal, dollars with
/// enough digits to show tiny costs, milliseconds to 1 decimal, percentages whole (1 decimal below 10), accuracy points to 1 decimal.
/// </summary>
public static class BenchFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>What a missing figure reads as.</summary>
    public const string NotAvailable = "n/a";

    /// <summary>Mean tokens per run: <c>1234.5</c>.</summary>
    public static string Tokens(double tokens) => Finite(tokens) ? tokens.ToString("0.0", Invariant) : NotAvailable;

    /// <summary>
    /// Dollars with three significant digits below a dollar, so that a tiny cost is not shown as zero:
    /// <c>$0.000123</c>, <c>$0.0450</c>, <c>$1.25</c>, <c>$0</c>.
    /// </summary>
    public static string Cost(double usd)
    {
        if (!Finite(usd))
        {
            return NotAvailable;
        }

        if (usd == 0)
        {
            return "$0";
        }

        var magnitude = Math.Abs(usd);
        var decimals = magnitude >= 1 ? 2 : Math.Min(12, 2 - (int)Math.Floor(Math.Log10(magnitude)));
        return (usd < 0 ? "-$" : "$") + magnitude.ToString("F" + decimals.ToString(Invariant), Invariant);
    }

    /// <summary>
    /// A cost that covers priced calls only: <see cref="Cost(double)"/> when every call was priced; with unpriced calls
    /// the cost is unknown: <c>unknown</c>, or <c>≥ $0.0450</c> when the priced ones cost something.
    /// </summary>
    public static string Cost(double pricedUsd, int unpricedCalls) =>
        unpricedCalls == 0 ? Cost(pricedUsd)
        : pricedUsd > 0 ? "≥ " + Cost(pricedUsd)
        : "unknown";

    /// <summary>Milliseconds to 1 decimal: <c>812.4 ms</c>; <c>n/a</c> when not measured.</summary>
    public static string Milliseconds(double? ms) => ms is { } value && Finite(value) ? value.ToString("0.0", Invariant) + " ms" : NotAvailable;

    /// <summary>What reports write for latency a bench through a provider's batch API did not measure.</summary>
    public const string NotMeasured = "not measured";

    /// <summary>A pattern's latency figure: <see cref="Milliseconds"/>, or <see cref="NotMeasured"/> when the bench measured none (a batch bench).</summary>
    public static string Latency(PatternSummary pattern, double? ms)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.LatencyMeasured ? Milliseconds(ms) : NotMeasured;
    }

    /// <summary>An accuracy (0 to 1) as a percentage to 1 decimal: <c>83.3%</c>; <c>n/a</c> when nothing was scored.</summary>
    public static string Accuracy(double? share) => share is { } value && Finite(value) ? (value * 100).ToString("0.0", Invariant) + "%" : NotAvailable;

    /// <summary>
    /// A delta with its interval: <c>+212% [+180, +240]</c>, <c>-3.5 pts [-8.0, +1.2]</c>, <c>+4.5% [-1.0, +9.8]</c>;
    /// <c>n/a</c> when the delta is not a finite number.
    /// </summary>
    public static string Delta(DeltaEstimate delta, BenchMetric metric)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ArgumentNullException.ThrowIfNull(metric);
        if (!Finite(delta.Value))
        {
            return NotAvailable;
        }

        var decimals = metric.InPoints ? 1 : Decimals(delta.Value);
        return $"{Signed(delta.Value, decimals)}{metric.Unit} [{Signed(delta.Low, decimals)}, {Signed(delta.High, decimals)}]";
    }

    /// <summary>The expected range: <c>+200–300%</c>, <c>-40 to -10%</c>, <c>-10 to +20 pts</c>.</summary>
    public static string Range(PercentRange range, BenchMetric metric)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(metric);
        var decimals = metric.InPoints ? 1 : Math.Min(Decimals(range.Min), Decimals(range.Max));
        // "+200–300" reads well only when both ends are positive; a dash between two signs would not.
        return range.Min >= 0
            ? $"{Signed(range.Min, decimals)}–{Unsigned(range.Max, decimals)}{metric.Unit}"
            : $"{Signed(range.Min, decimals)} to {Signed(range.Max, decimals)}{metric.Unit}";
    }

    /// <summary>The verdict as a word: <c>inside</c>, <c>below</c>, <c>above</c>, or <c>not stated</c>.</summary>
    public static string Verdict(ExpectedVerdict verdict) => verdict switch
    {
        ExpectedVerdict.Inside => "inside",
        ExpectedVerdict.Below => "below",
        ExpectedVerdict.Above => "above",
        _ => "not stated",
    };

    /// <summary>
    /// A delta with its interval, and when the pattern states one, the expected range and the verdict:
    /// <c>+212% [+180, +240] · expected +200–300% · inside</c>.
    /// </summary>
    public static string DeltaWithExpectation(DeltaEstimate delta, BenchMetric metric)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return delta.Expected is { } expected
            ? $"{Delta(delta, metric)} · expected {Range(expected, metric)} · {Verdict(delta.Verdict)}"
            : Delta(delta, metric);
    }

    /// <summary>Where served calls were answered from: <c>a cache</c>, <c>a replayed cassette</c> or both, with counts.</summary>
    public static string ServedFrom(int servedCalls, int replayedCalls) => replayedCalls switch
    {
        0 => "a cache",
        _ when replayedCalls >= servedCalls => "a replayed cassette",
        _ => $"a cache ({Count(servedCalls - replayedCalls)}) and a replayed cassette ({Count(replayedCalls)})",
    };

    /// <summary>A UTC date and time: <c>2026-11-27 01:30:00 UTC</c>.</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC";

    /// <summary>A count with thousands separators: <c>1,234</c>.</summary>
    public static string Count(long count) => count.ToString("N0", Invariant);

    /// <summary>Text on one line, cut to <paramref name="max"/> characters with an ellipsis: for errors in tables.</summary>
    public static string OneLine(string text, int max = 200)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }

    private static int Decimals(double value) => Finite(value) && Math.Abs(value) < 10 ? 1 : 0;

    private static string Signed(double value, int decimals)
    {
        if (!Finite(value))
        {
            return NotAvailable;
        }

        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var text = Unsigned(rounded, decimals);
        return rounded < 0 ? text : "+" + text;
    }

    private static string Unsigned(double value, int decimals)
    {
        if (!Finite(value))
        {
            return NotAvailable;
        }

        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString(decimals == 0 ? "0" : "0.0", Invariant); // no "-0"
    }

    private static bool Finite(double value) => double.IsFinite(value);
}
