using System.Collections.Immutable;
using System.Text.Json;
using PatternEngine.Bench.Conversations;

namespace PatternEngine.Bench.Golden;

/// <summary>
/// Reads a golden case's <c>turns</c>: a list of turns as a turns file writes them (<c>{"user": ..., "expected":
/// ...}</c>), at least one and at most <see cref="ConversationScript.MaxTurns"/>. A conversation's expectations are its
/// turns': the case itself has no <c>expected</c>, <c>scorer</c>, <c>tolerance</c> or <c>schema</c>.
/// </summary>
internal static class GoldenTurns
{
    private static readonly string[] SingleTurnFields = ["expected", "scorer", "tolerance", "schema", "reference", "check"];

    /// <summary>The turns, or the problem and the field to point at.</summary>
    public static (ImmutableArray<ScriptedTurn> Turns, string? Field, string? Error) Read(JsonElement turns, JsonElement root)
    {
        if (SingleTurnFields.FirstOrDefault(f => root.TryGetProperty(f, out _)) is { } single)
        {
            return ([], single, $"'{single}' has no use in a case with 'turns': each turn gives its own 'expected' (scored by containment)");
        }

        if (turns.ValueKind != JsonValueKind.Array || turns.GetArrayLength() == 0)
        {
            return ([], "turns", "'turns' must be a non-empty list of turns such as {\"user\": \"...\", \"expected\": \"...\"}");
        }

        if (turns.GetArrayLength() > ConversationScript.MaxTurns)
        {
            return ([], "turns", $"'turns' may have at most {ConversationScript.MaxTurns:N0} turns");
        }

        var read = ImmutableArray.CreateBuilder<ScriptedTurn>(turns.GetArrayLength());
        var index = 0;
        foreach (var item in turns.EnumerateArray())
        {
            var (turn, error, _) = ConversationScript.Read(item);
            if (turn is null)
            {
                return ([], "turns", $"turn {index}: {error}");
            }

            read.Add(turn);
            index++;
        }

        return (read.MoveToImmutable(), null, null);
    }
}
