using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatternEngine.Execution;

/// <summary>The run record as JSON with snake_case names: <c>pattern</c>, <c>output</c>, <c>stages</c>, <c>totals</c>.</summary>
public static class RunRecordJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable text; the output is not embedded in HTML
    };

    /// <summary>The record as a JSON object.</summary>
    public static JsonObject ToJson(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = new JsonObject
        {
            ["pattern"] = record.Pattern,
            ["version"] = record.Version,
            ["seed"] = record.Seed,
            ["output"] = Value(record.Output),
            ["stages"] = new JsonArray([.. record.Stages.Select(Stage)]),
            ["totals"] = new JsonObject
            {
                ["calls"] = record.Totals.Calls,
                ["cached_calls"] = record.Totals.CachedCalls,
                ["input_tokens"] = record.Totals.InputTokens,
                ["output_tokens"] = record.Totals.OutputTokens,
                ["cost_usd"] = record.Totals.CostUsd,
                ["unpriced_calls"] = record.Totals.UnpricedCalls,
                ["wall_ms"] = Math.Round(record.Totals.WallMs, 3),
            },
        };
        if (record.Mode is { } mode)
        {
            json["mode"] = mode;
        }

        if (record.Conversation is { } link)
        {
            json["conversation"] = new JsonObject { ["id"] = link.Id, ["turn"] = link.Turn };
        }

        return json;
    }

    /// <summary>The record as indented JSON text.</summary>
    public static string Serialize(RunRecord record) => ToJson(record).ToJsonString(Options);

    /// <summary>
    /// The record as indented JSON text with how the run ended after its seed: <c>status</c> (<c>finished</c>, or
    /// <c>failed</c>, <c>budget_exceeded</c> or <c>blocked</c> when <paramref name="failure"/> says why), <c>stopped_at</c> (the stage) and <c>error</c>; a failed run's record holds what it
    /// measured. With <paramref name="startup"/>, a <c>startup</c> object after the totals: <c>model_load_ms</c>, <c>warmup_ms</c>.
    /// </summary>
    public static string Serialize(RunRecord record, string? failure, RunStartup? startup = null)
    {
        var ended = new JsonObject();
        foreach (var (name, value) in ToJson(record).ToList())
        {
            ended[name] = value?.DeepClone();
            if (name == "seed")
            {
                ended["status"] = StatusName(record, failure);
                ended["stopped_at"] = record.StoppedAt;
                ended["needs_review"] = record.NeedsReview;
                ended["review_reasons"] = new JsonArray([.. record.ReviewReasons.Select(r => (JsonNode?)r)]);
                ended["error"] = failure;
            }
        }

        if (startup is not null)
        {
            ended["startup"] = new JsonObject
            {
                ["model_load_ms"] = Math.Round(startup.ModelLoadMs, 3),
                ["warmup_ms"] = Math.Round(startup.WarmUpMs, 3),
            };
        }

        return ended.ToJsonString(Options);
    }

    /// <summary>
    /// How the run ended, as logs and JSON records say it: <c>finished</c>, <c>failed</c>, <c>budget_exceeded</c> or
    /// <c>blocked</c>.
    /// </summary>
    internal static string StatusName(RunRecord record, string? failure) => record.Status switch
    {
        RunStatus.BudgetExceeded => "budget_exceeded",
        RunStatus.Blocked => "blocked",
        RunStatus.Failed => "failed",
        _ => failure is null ? "finished" : "failed",
    };

    /// <summary>
    /// One stage as a JSON object, with the stages it nests under <c>stages</c> (only when it ran included patterns);
    /// without <paramref name="content"/>, its figures only (no output, details, messages or answers), nested ones too.
    /// </summary>
    public static JsonObject StageToJson(StageRecord stage, bool content = true)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return Stage(stage, content);
    }

    private static JsonObject Stage(StageRecord stage) => Stage(stage, content: true);

    private static JsonObject Stage(StageRecord stage, bool content)
    {
        var json = StageFields(stage, content);
        if (stage.Memory is { } memory)
        {
            // Only memory stages have it, so that other stages' JSON stays as it was.
            json["memory"] = new JsonObject
            {
                ["operation"] = memory.Operation,
                ["rows"] = memory.Rows,
                ["bytes"] = memory.Bytes,
                ["ms"] = Math.Round(memory.Ms, 3),
                ["tokens"] = memory.Tokens,
            };
        }

        if (!content)
        {
            json.Remove("output");
            json.Remove("details");
        }

        if (!stage.Stages.IsEmpty)
        {
            json["stages"] = new JsonArray([.. stage.Stages.Select(s => (JsonNode?)Stage(s, content))]);
        }

        return json;
    }

    private static JsonObject StageFields(StageRecord stage, bool content) => new()
    {
        ["id"] = stage.Id,
        ["kind"] = stage.Kind,
        ["model"] = stage.Model,
        ["skipped"] = stage.Skipped,
        ["calls"] = stage.Calls,
        ["cached_calls"] = stage.CachedCalls,
        ["input_tokens"] = stage.InputTokens,
        ["output_tokens"] = stage.OutputTokens,
        ["cost_usd"] = stage.CostUsd,
        ["unpriced_calls"] = stage.UnpricedCalls,
        ["latency_ms"] = Math.Round(stage.LatencyMs, 3),
        ["output"] = Value(stage.Output),
        ["answers"] = stage.Answers,
        ["unparsed_answers"] = stage.UnparsedAnswers,
        ["issues"] = new JsonArray([.. stage.Issues.Select(i => (JsonNode?)i)]),
        ["details"] = stage.Details?.DeepClone(),
        ["call_records"] = new JsonArray([.. stage.CallRecords.Select(c => (JsonNode?)CallToJson(c, content))]),
    };

    /// <summary>One call as a JSON object; without <paramref name="content"/>, its figures only (no messages or answer).</summary>
    public static JsonObject CallToJson(CallRecord call, bool content = true)
    {
        ArgumentNullException.ThrowIfNull(call);
        var json = Call(call);
        if (!content)
        {
            json.Remove("messages");
            json.Remove("response");
        }

        return json;
    }

    private static JsonObject Call(CallRecord call) => new()
    {
        ["route"] = call.Route,
        ["model"] = call.Model,
        ["input_tokens"] = call.InputTokens,
        ["output_tokens"] = call.OutputTokens,
        ["usage_source"] = call.UsageSource,
        ["cost_usd"] = call.CostUsd,
        ["latency_ms"] = Math.Round(call.LatencyMs, 3),
        ["time_to_first_token_ms"] = call.TimeToFirstTokenMs is { } ttft ? Math.Round(ttft, 3) : null,
        ["source"] = call.Source,
        ["cached"] = call.Cached,
        ["attempt"] = call.Attempt,
        ["finish_reason"] = call.FinishReason,
        ["messages"] = new JsonArray([.. call.Messages.Select(m => (JsonNode?)new JsonObject { ["role"] = m.Role, ["text"] = m.Text })]),
        ["response"] = call.Response,
        ["error"] = call.Error,
        ["fallback_from"] = call.FallbackFrom,
        ["cached_input_tokens"] = call.CachedInputTokens,
        ["reasoning_tokens"] = call.ReasoningTokens,
    };

    private static JsonNode? Value(StageValue value) => value.Items is { } items
        ? new JsonArray([.. items.Select(i => (JsonNode?)i)])
        : value.Text;
}
