namespace PatternEngine.Bench.Tuning;

/// <summary>
/// A straight line fitted by least squares to a figure against the swept parameter: <see cref="Slope"/> per unit of
/// the parameter, and how much of the figure's spread the line explains (<see cref="RSquared"/>, 0 to 1; 1 when the
/// figure does not vary). A saturating accuracy curve fits a line poorly; the per-setting figures show its shape.
/// </summary>
/// <param name="Intercept">The line's value at a parameter of 0.</param>
/// <param name="Slope">The change per unit of the parameter.</param>
/// <param name="RSquared">The share of the figure's variance the line explains.</param>
public sealed record TrendFit(double Intercept, double Slope, double RSquared)
{
    /// <summary>The least-squares line through the points; null with fewer than two distinct parameters.</summary>
    public static TrendFit? Of(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Select(p => p.X).Distinct().Count() < 2)
        {
            return null;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var syy = points.Sum(p => (p.Y - meanY) * (p.Y - meanY));
        var slope = sxy / sxx;
        return new TrendFit(meanY - (slope * meanX), slope, syy == 0 ? 1 : sxy * sxy / (sxx * syy));
    }
}
