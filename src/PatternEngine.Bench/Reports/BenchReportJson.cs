using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatternEngine.Execution;

namespace PatternEngine.Bench.Reports;

/// <summary>
/// The bench report as JSON with snake_case names, for machines: <c>settings</c>, <c>patterns</c> (figures and
/// deltas with their intervals, expected ranges and verdicts), <c>skipped_lines</c> and <c>samples</c>. Samples
/// keep their stages' figures and calls but not the messages sent and received, which would dwarf the rest.
/// Figures that are not finite numbers are written as null.
/// </summary>
public static class BenchReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable text; embed it in HTML only after encoding it for HTML
    };

    /// <summary>The report as a JSON object.</summary>
    public static JsonObject ToJson(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var baseline = report.Patterns.FirstOrDefault(p => p.IsBaseline);
        var json = new JsonObject
        {
            ["started_at"] = report.StartedAt,
            ["model"] = report.Model,
            ["model_version"] = report.ModelVersion,
            ["baseline"] = report.Baseline,
            ["golden_file"] = report.GoldenFile,
            ["interrupted"] = report.Interrupted,
            ["latency_measured"] = report.LatencyMeasured,
            ["settings"] = new JsonObject
            {
                ["cases"] = report.Cases,
                ["repeats"] = report.Repeats,
                ["seed"] = report.Seed,
                ["bootstrap_resamples"] = report.BootstrapResamples,
                ["confidence"] = 0.95,
            },
            ["patterns"] = new JsonArray([.. report.Patterns.Select(p => Summary(p, baseline))]),
            ["skipped_lines"] = new JsonArray([.. report.SkippedLines.Select(l => (JsonNode?)new JsonObject
            {
                ["file"] = l.File,
                ["line"] = l.Line,
                ["column"] = l.Column,
                ["message"] = l.Message,
            })]),
            ["samples"] = new JsonArray([.. report.Samples.Select(s => BatchedLatency.Clear(WithTurns(WithRecord(Sample(s), s), s), report))]),
        };
        if (report.Mode is { } mode)
        {
            json.Insert(json.IndexOf("baseline") + 1, "mode", mode);
        }

        return json;
    }

    /// <summary>The report as indented JSON text.</summary>
    public static string Serialize(BenchReport report) => ToJson(report).ToJsonString(Options);

    private static JsonObject Summary(PatternSummary summary, PatternSummary? baseline)
    {
        var deltas = new JsonObject();
        var unavailable = new JsonObject();
        foreach (var metric in BenchMetric.All)
        {
            var delta = metric.Of(summary.Deltas);
            deltas[metric.Key] = delta is null ? null : Delta(delta);
            if (delta is null && !summary.IsBaseline && baseline is not null)
            {
                unavailable[metric.Key] = metric.WhyUnavailable(baseline, summary);
            }
        }

        return new JsonObject
        {
            ["pattern"] = summary.Pattern,
            ["version"] = summary.Version,
            ["file_hash"] = summary.FileHash,
            ["is_baseline"] = summary.IsBaseline,
            ["runs"] = summary.Runs,
            ["failed_runs"] = summary.FailedRuns,
            ["cached_runs"] = summary.CachedRuns,
            ["mean_tokens"] = Number(summary.MeanTokens),
            ["mean_cost_usd"] = Number(summary.MeanCostUsd),
            ["unpriced_calls"] = summary.UnpricedCalls,
            ["accuracy"] = Number(summary.Accuracy),
            ["latency_p50_ms"] = Number(summary.LatencyP50Ms),
            ["latency_p95_ms"] = Number(summary.LatencyP95Ms),
            ["metrics"] = Metrics(summary.Metrics),
            ["judge"] = JudgeColumns.Json(summary.Judge),
            ["deltas"] = deltas,
            ["deltas_unavailable"] = unavailable,
        };
    }

    private static JsonObject Metrics(Metrics.PatternMetrics metrics)
    {
        var json = new JsonObject();
        foreach (var metric in ChecklistMetric.All)
        {
            json[metric.Key] = metric.Of(metrics) is { } m
                ? new JsonObject { ["value"] = Number(m.Value), ["low"] = Number(m.Low), ["high"] = Number(m.High), ["count"] = m.Count }
                : null;
        }

        return json;
    }

    private static JsonObject Delta(DeltaEstimate delta) => new()
    {
        ["value"] = Number(delta.Value),
        ["low"] = Number(delta.Low),
        ["high"] = Number(delta.High),
        ["expected"] = delta.Expected is { } range ? new JsonObject { ["min"] = Number(range.Min), ["max"] = Number(range.Max) } : null,
        ["verdict"] = Verdict(delta.Verdict),
    };

    private static string Verdict(ExpectedVerdict verdict) => verdict switch
    {
        ExpectedVerdict.Inside => "inside",
        ExpectedVerdict.Below => "below",
        ExpectedVerdict.Above => "above",
        _ => "not_stated",
    };

    private static JsonObject Sample(BenchSample sample) => new()
    {
        ["pattern"] = sample.Pattern,
        ["case_id"] = sample.CaseId,
        ["repeat"] = sample.Repeat,
        ["calls"] = sample.Calls,
        ["cached_calls"] = sample.CachedCalls,
        ["replayed_calls"] = sample.ReplayedCalls,
        ["cached"] = sample.Cached,
        ["input_tokens"] = sample.InputTokens,
        ["output_tokens"] = sample.OutputTokens,
        ["total_tokens"] = sample.TotalTokens,
        ["cost_usd"] = sample.CostUsd,
        ["unpriced_calls"] = sample.UnpricedCalls,
        ["latency_ms"] = Number(Math.Round(sample.LatencyMs, 3)),
        ["correct"] = sample.Correct,
        ["error"] = sample.Error,
        ["judge"] = JudgeColumns.Json(sample.Judge),
    };

    // A bench's samples are compact facts (their records went to the history and the log); a sample made with its
    // record (by hand, or read back whole) keeps its answer and stages in the report.
    private static JsonObject WithRecord(JsonObject json, BenchSample sample)
    {
        if (sample.Counts is null)
        {
            json["answer"] = sample.Answer;
            json["stages"] = new JsonArray([.. sample.Stages.Select(s => (JsonNode?)RunRecordJson.StageToJson(s, content: false))]);
        }

        return json;
    }



    // A conversation case's sample has its turns' figures; other samples stay as they were.
    private static JsonObject WithTurns(JsonObject json, BenchSample sample)
    {
        if (!sample.Turns.IsEmpty)
        {
            json["turns"] = new JsonArray([.. sample.Turns.Select(t => (JsonNode?)new JsonObject
            {
                ["turn"] = t.Index,
                ["input_tokens"] = t.InputTokens,
                ["output_tokens"] = t.OutputTokens,
                ["latency_ms"] = Number(Math.Round(t.LatencyMs, 3)),
                ["correct"] = t.Correct,
            })]);
        }

        return json;
    }

    // System.Text.Json refuses NaN and infinities; a statistic that came out as one is no figure.
    private static JsonValue? Number(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
}
