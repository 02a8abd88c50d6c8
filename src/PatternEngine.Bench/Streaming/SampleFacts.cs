using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PatternEngine.Bench.Metrics;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Bench.Streaming;

/// <summary>
/// A run's compact facts beyond its figures, as the history's <c>samples.facts</c> holds them (JSON): the checklist's
/// tallies of its stages, its guard verdict, its judge's verdict and usage, and a conversation's turns, so that a resumed
/// bench summarises its earlier runs exactly as it would have had they never left memory.
/// </summary>
internal static class SampleFacts
{
    public static string ToJson(BenchSample sample)
    {
        var counts = RunCounts.Of(sample);
        var json = new JsonObject
        {
            ["tool_calls"] = counts.ToolCalls,
            ["tool_errors"] = counts.ToolErrors,
            ["answers"] = counts.Answers,
            ["unparsed_answers"] = counts.UnparsedAnswers,
            ["refined_drafts"] = counts.RefinedDrafts,
            ["accepted_drafts"] = counts.AcceptedDrafts,
            ["refine_rounds"] = counts.RefineRounds,
            ["votes"] = counts.Votes,
            ["agreement_sum"] = counts.AgreementSum,
        };
        if (sample.Guard is { } guard)
        {
            json["guard"] = new JsonArray(guard.Expected.ToString(), guard.Reached.ToString());
        }

        if (sample.Judge is { } judge)
        {
            json["judge"] = JudgeJson(judge);
        }

        if (!sample.Turns.IsEmpty)
        {
            json["turns"] = new JsonArray([.. sample.Turns.Select(t => (JsonNode?)new JsonArray(t.Index, t.InputTokens, t.OutputTokens, t.LatencyMs, t.Correct))]);
        }

        return json.ToJsonString();
    }

    /// <summary>The sample with the facts of <paramref name="json"/> (its tallies as <see cref="BenchSample.Counts"/>, its turns, guard and judge verdicts).</summary>
    public static BenchSample With(BenchSample sample, string? json)
    {
        if (json is null || JsonNode.Parse(json) is not JsonObject facts)
        {
            return sample; // a run stored before facts were: its tallies are unknown, so they count as none
        }

        var tallies = new RunCounts // RunCounts.Of adds the sample's own figures
        {
            CaseId = sample.CaseId,
            ToolCalls = Int(facts, "tool_calls"),
            ToolErrors = Int(facts, "tool_errors"),
            Answers = Int(facts, "answers"),
            UnparsedAnswers = Int(facts, "unparsed_answers"),
            RefinedDrafts = Int(facts, "refined_drafts"),
            AcceptedDrafts = Int(facts, "accepted_drafts"),
            RefineRounds = Int(facts, "refine_rounds"),
            Votes = Int(facts, "votes"),
            AgreementSum = (double?)facts["agreement_sum"] ?? 0,
        };
        var turns = (facts["turns"] as JsonArray ?? []).OfType<JsonArray>()
            .Select(t => new BenchTurn((int)t[0]!, (long)t[1]!, (long)t[2]!, (double)t[3]!, (bool?)t[4]))
            .ToImmutableArray();
        var guard = facts["guard"] is JsonArray { Count: 2 } verdict
            ? new BenchGuardVerdict(Enum.Parse<GuardAction>((string)verdict[0]!), Enum.Parse<GuardAction>((string)verdict[1]!))
            : null;
        var judge = facts["judge"] is JsonObject judged ? Judge(judged) : null;
        return sample with { Counts = tallies, Turns = turns, Guard = guard, Judge = judge };
    }

    private static JsonObject JudgeJson(Judging.JudgeVerdict judge) => new()
    {
        ["correct"] = judge.Correct,
        ["reason"] = judge.Reason,
        ["unscored"] = judge.Unscored,
        ["checked"] = judge.Checked,
        ["calls"] = judge.Usage.Calls,
        ["cached_calls"] = judge.Usage.CachedCalls,
        ["input_tokens"] = judge.Usage.InputTokens,
        ["output_tokens"] = judge.Usage.OutputTokens,
        ["cost_usd"] = judge.Usage.CostUsd,
        ["unpriced_calls"] = judge.Usage.UnpricedCalls,
        ["latency_ms"] = judge.Usage.WallMs,
    };

    private static Judging.JudgeVerdict Judge(JsonObject judged) => new()
    {
        Correct = (bool?)judged["correct"],
        Reason = (string?)judged["reason"],
        Unscored = (string?)judged["unscored"],
        Checked = (bool?)judged["checked"],
        Usage = new RunTotals
        {
            Calls = Int(judged, "calls"),
            CachedCalls = Int(judged, "cached_calls"),
            InputTokens = (long?)judged["input_tokens"] ?? 0,
            OutputTokens = (long?)judged["output_tokens"] ?? 0,
            CostUsd = (decimal?)judged["cost_usd"] ?? 0,
            UnpricedCalls = Int(judged, "unpriced_calls"),
            WallMs = (double?)judged["latency_ms"] ?? 0,
        },
    };

    private static int Int(JsonObject facts, string name) => (int?)facts[name] ?? 0;
}
