using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatternEngine.Bench.Metrics;

/// <summary>
/// Computes every pattern's <see cref="PatternMetrics"/> again from a bench's <c>--log</c> file alone: its <c>run</c>
/// lines carry each run's status, totals and stages (answers, tool calls, refine rounds, votes), and the bench's
/// <c>labels</c> (<c>case_id</c>, <c>repeat</c>, <c>correct</c>). With the bench's seed and resamples the figures and
/// intervals are the report's.
/// </summary>
public static class BenchLogMetrics
{
    /// <summary>The metrics of every pattern the log's bench lines name, by pattern name.</summary>
    /// <param name="logLines">The log's lines (JSON objects; other lines, and runs no bench labelled, are left out).</param>
    /// <param name="seed">The bench's seed.</param>
    /// <param name="resamples">The bench's bootstrap resamples.</param>
    /// <exception cref="FormatException">A line is not JSON.</exception>
    public static ImmutableDictionary<string, PatternMetrics> Compute(IEnumerable<string> logLines, int seed, int resamples = Statistics.PairedBootstrap.DefaultResamples)
    {
        ArgumentNullException.ThrowIfNull(logLines);
        var runs = new List<(string Pattern, RunCounts Counts)>();
        var number = 0;
        foreach (var text in logLines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonObject? line;
            try
            {
                line = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException e)
            {
                throw new FormatException($"log line {number} is not JSON: {e.Message}", e);
            }

            if (line is not null && (string?)line["type"] == "run" && line["labels"]?["case_id"] is JsonValue caseId && (string?)line["pattern"] is { } pattern)
            {
                runs.Add((pattern, RunCounts.OfLogLine(line, (string)caseId!)));
            }
        }

        return runs.GroupBy(r => r.Pattern, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => PatternMetricsEstimator.Estimate([.. g.Select(r => r.Counts)], seed, resamples), StringComparer.Ordinal);
    }
}
