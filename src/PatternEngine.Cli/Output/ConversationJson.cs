using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatternEngine.Bench.Conversations;
using PatternEngine.Execution;

namespace PatternEngine.Cli.Output;

/// <summary>
/// A played conversation as JSON: <c>conversation</c>, <c>store</c> (null with <c>--no-store</c>), <c>status</c>,
/// <c>error</c>, <c>turns</c> (each with <c>user</c>, <c>expected</c>, <c>correct</c> and its run <c>record</c>),
/// <c>totals</c> and <c>startup</c>.
/// </summary>
internal static class ConversationJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(string conversation, string? store, IReadOnlyList<ScriptedTurnResult> turns, string? failure, RunStartup startup)
    {
        var scored = turns.Where(t => t.Correct is not null).ToList();
        return new JsonObject
        {
            ["conversation"] = conversation,
            ["store"] = store,
            ["status"] = failure is null ? "finished" : "failed",
            ["error"] = failure,
            ["turns"] = new JsonArray([.. turns.Select(t => (JsonNode?)new JsonObject
            {
                ["turn"] = t.Record.Conversation?.Turn,
                ["user"] = t.Turn.User,
                ["expected"] = t.Turn.Expected,
                ["correct"] = t.Correct,
                ["record"] = RunRecordJson.ToJson(t.Record),
            })]),
            ["totals"] = new JsonObject
            {
                ["turns"] = turns.Count,
                ["calls"] = turns.Sum(t => t.Record.Totals.Calls),
                ["input_tokens"] = turns.Sum(t => t.Record.Totals.InputTokens),
                ["output_tokens"] = turns.Sum(t => t.Record.Totals.OutputTokens),
                ["cost_usd"] = turns.Sum(t => t.Record.Totals.CostUsd),
                ["wall_ms"] = Math.Round(turns.Sum(t => t.Record.Totals.WallMs), 3),
                ["scored_turns"] = scored.Count,
                ["correct_turns"] = scored.Count(t => t.Correct == true),
            },
            ["startup"] = new JsonObject { ["model_load_ms"] = Math.Round(startup.ModelLoadMs, 3), ["warmup_ms"] = Math.Round(startup.WarmUpMs, 3) },
        }.ToJsonString(Options);
    }
}
