using System.Collections.Immutable;
using System.Text.Json;
using PatternEngine.Definitions;

namespace PatternEngine.Stages.Guard;

/// <summary>A sentinel model's verdict: the first JSON object in its answer, <c>{"verdict": ..., "reason": ..., "spans": [...]}</c>.</summary>
internal sealed record SentinelVerdict(GuardAction Action, string? Reason, ImmutableArray<string> Spans)
{
    /// <summary>The verdict in <paramref name="answer"/>; null when it holds none (no object, no known verdict).</summary>
    public static SentinelVerdict? Parse(string answer)
    {
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(answer.AsMemory(start, end - start + 1), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("verdict", out var verdict) || verdict.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            GuardAction? action = verdict.GetString()?.ToLowerInvariant() switch
            {
                "allow" => GuardAction.Allow,
                "redact" => GuardAction.Redact,
                "block" => GuardAction.Block,
                _ => null,
            };
            var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            ImmutableArray<string> spans = root.TryGetProperty("spans", out var s) && s.ValueKind == JsonValueKind.Array
                ? [.. s.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : [];
            return action is { } known ? new SentinelVerdict(known, reason, spans) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
