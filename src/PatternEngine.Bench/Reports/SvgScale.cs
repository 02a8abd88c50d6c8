using System.Globalization;

namespace PatternEngine.Bench.Reports;

/// <summary>A linear scale from data values to SVG x coordinates, over a domain widened to round tick values.</summary>
internal sealed class SvgScale
{
    private readonly double _x0;
    private readonly double _x1;

    public SvgScale(IEnumerable<double> values, double x0, double x1)
    {
        var finite = values.Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var lo = finite.Min();
        var hi = finite.Max();
        if (hi - lo < 1e-9)
        {
            hi = lo + 1;
        }

        // Steps of 1, 2 or 5 times a power of ten give about five ticks that read as round numbers.
        var rough = (hi - lo) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var normal = rough / magnitude;
        Step = (normal < 1.5 ? 1 : normal < 3 ? 2 : normal < 7 ? 5 : 10) * magnitude;
        Min = Math.Floor(lo / Step) * Step;
        Max = Math.Ceiling(hi / Step) * Step;
        _x0 = x0;
        _x1 = x1;
    }

    public double Min { get; }

    public double Max { get; }

    public double Step { get; }

    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round((Max - Min) / Step);
        for (var i = 0; i <= count; i++)
        {
            var tick = Min + (i * Step);
            yield return Math.Abs(tick) < Step / 1e6 ? 0 : tick;
        }
    }

    public double X(double value) => _x0 + ((Math.Clamp(value, Min, Max) - Min) / (Max - Min) * (_x1 - _x0));

    /// <summary>A coordinate as SVG writes it: invariant, at most two decimals.</summary>
    public static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A tick label: as few decimals as the step needs.</summary>
    public string Label(double tick) => tick.ToString(Step >= 1 ? "0" : Step >= 0.1 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
