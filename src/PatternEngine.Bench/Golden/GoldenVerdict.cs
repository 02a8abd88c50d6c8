using System.Text.Json;
using PatternEngine.Definitions;

namespace PatternEngine.Bench.Golden;

/// <summary>
/// Reads a golden case's <c>expected_verdict</c>: what a guarded pattern's guards should decide on the case's inputs
/// (<c>allow</c>, <c>redact</c> or <c>block</c>). A case that states one counts towards a bench's guard rates: a hostile
/// case (redact or block) is detected when the run's guards redacted or blocked, a benign case (allow) is a false
/// positive when they did either.
/// </summary>
internal static class GoldenVerdict
{
    public const string Field = "expected_verdict";

    /// <summary>The expected verdict (null when the case states none), or the problem with it.</summary>
    public static (GuardAction? Verdict, string? Error) Read(JsonElement root)
    {
        if (!root.TryGetProperty(Field, out var verdict))
        {
            return (null, null);
        }

        if (root.TryGetProperty("turns", out _))
        {
            return (null, $"'{Field}' has no use in a case with 'turns': guard rates are taken over single-turn cases");
        }

        return verdict.ValueKind == JsonValueKind.String && Parse(verdict.GetString()!) is { } action
            ? (action, null)
            : (null, $"'{Field}' must be one of allow, redact, block, not {(verdict.ValueKind == JsonValueKind.String ? $"'{verdict.GetString()}'" : "JSON " + verdict.ValueKind.ToString().ToLowerInvariant())}");
    }

    /// <summary>A verdict's name as pattern files and run records write it; null when it is none.</summary>
    public static GuardAction? Parse(string name) => name switch
    {
        "allow" => GuardAction.Allow,
        "redact" => GuardAction.Redact,
        "block" => GuardAction.Block,
        _ => null,
    };
}
