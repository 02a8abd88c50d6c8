using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatternEngine.Bench.Review;
using PatternEngine.Review;

namespace PatternEngine.Cli.Review;

/// <summary>Review items as JSON with snake_case names.</summary>
internal static class ReviewItemJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable text; the output is not embedded in HTML
    };

    public static string Serialize(string database, IReadOnlyList<ReviewItem> items) =>
        new JsonObject { ["database"] = database, ["items"] = new JsonArray([.. items.Select(Item)]) }.ToJsonString(Options);

    public static string Serialize(ReviewItem item) => Item(item).ToJsonString(Options);

    private static JsonObject Item(ReviewItem item) => new()
    {
        ["id"] = item.Id,
        ["status"] = SqliteReviewQueue.Name(item.Status),
        ["queued_at"] = Time(item.QueuedAt),
        ["decided_at"] = item.DecidedAt is { } decided ? Time(decided) : null,
        ["pattern"] = item.Run.Pattern,
        ["version"] = item.Run.Version,
        ["run_id"] = item.Run.RunId,
        ["case_id"] = item.Run.CaseId,
        ["inputs"] = new JsonObject(item.Run.Inputs.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)JsonValue.Create(i.Value)))),
        ["answer"] = item.Run.Answer,
        ["reasons"] = new JsonArray([.. item.Run.Reasons.Select(r => (JsonNode?)JsonValue.Create(r))]),
        ["corrected_answer"] = item.CorrectedAnswer,
        ["note"] = item.Note,
        ["reviewed_answer"] = item.ReviewedAnswer,
    };

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
