namespace PatternEngine.Bench.Statistics;

/// <summary>One pattern's runs of one case, reduced to what the deltas need.</summary>
/// <param name="Tokens">Mean tokens over the case's repeats.</param>
/// <param name="CostUsd">Mean cost over the case's repeats.</param>
/// <param name="FreshLatenciesMs">Latencies of the repeats that ran fresh: neither cached nor failed.</param>
/// <param name="Scored">Repeats whose answer was scored.</param>
/// <param name="Correct">Scored repeats that were right.</param>
internal sealed record CaseFigures(double Tokens, double CostUsd, double[] FreshLatenciesMs, int Scored, int Correct)
{
    // Costs are averaged as decimals, exactly, so the result does not depend on the order the runs finished in.
    public static CaseFigures Of(IReadOnlyCollection<BenchSample> repeats) => new(
        repeats.Average(s => (double)s.TotalTokens),
        (double)repeats.Average(s => s.CostUsd),
        [.. repeats.Where(IsFresh).Select(s => s.LatencyMs)],
        repeats.Count(s => s.Correct is not null),
        repeats.Count(s => s.Correct == true));

    /// <summary>Whether a run's latency is a measurement of this run: not replayed from a cache, not cut short by an error.</summary>
    public static bool IsFresh(BenchSample sample) => !sample.Cached && sample.Error is null;
}
