using System.Collections.Immutable;
using System.Globalization;
using PatternEngine.Compilation;
using PatternEngine.Conversations;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages.Remember;

/// <summary>Stores the facts its named values hold in the conversation's memory; no model call.</summary>
internal sealed class RememberNode(RememberStage definition, ImmutableArray<string> dependsOn) : StageNode(definition, dependsOn)
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => [];

    public override IReadOnlyDictionary<string, string> PlanSettings => new Dictionary<string, string>
    {
        ["from"] = string.Join(", ", definition.From),
    };

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var facts = MemoryFacts.From(definition.From.Select(context.ValueOf), context.AddIssue);
        var value = StageValue.List(facts);
        if (context.Conversation is not { } conversation)
        {
            context.AddIssue("the run is not a turn of a conversation: nothing was remembered");
            return new StageOutcome(value) { Memory = new MemoryAccess { Operation = "write" } };
        }

        if (facts.IsEmpty)
        {
            return new StageOutcome(value) { Memory = new MemoryAccess { Operation = "write" } };
        }

        var started = context.Time.GetTimestamp();
        var write = await conversation.Memory.RememberAsync(conversation.Id, conversation.Turn, facts, context.CancellationToken).ConfigureAwait(false);
        var elapsed = context.Time.GetElapsedTime(started).TotalMilliseconds;
        return new StageOutcome(value) { Memory = new MemoryAccess { Operation = "write", Rows = write.Rows, Bytes = write.Bytes, Ms = elapsed } };
    }
}

/// <summary>
/// Turns values into facts: a list's items, a JSON array of texts or an object's <c>facts</c> array (what an
/// extracting prompt answers), its <c>summary</c>, or else the text itself. Bounded: a fact is cut at
/// <see cref="MaxFactChars"/> characters, and a stage keeps at most <see cref="MaxFacts"/>.
/// </summary>
internal static class MemoryFacts
{
    public const int MaxFactChars = 4_000;
    public const int MaxFacts = 64;

    public static ImmutableArray<string> From(IEnumerable<StageValue> values, Action<string> addIssue)
    {
        var facts = ImmutableArray.CreateBuilder<string>();
        var dropped = 0;
        foreach (var value in values)
        {
            var texts = value.Items is { } items ? items.OfType<string>() : value.Text is { } text ? Extracted(text) : [];
            foreach (var raw in texts)
            {
                var fact = raw.Trim();
                if (fact.Length == 0)
                {
                    continue;
                }

                if (facts.Count == MaxFacts)
                {
                    dropped++;
                    continue;
                }

                if (fact.Length > MaxFactChars)
                {
                    addIssue(string.Create(CultureInfo.InvariantCulture, $"a fact of {fact.Length:N0} characters was cut to {MaxFactChars:N0}"));
                    fact = fact[..MaxFactChars];
                }

                facts.Add(fact);
            }
        }

        if (dropped > 0)
        {
            addIssue(string.Create(CultureInfo.InvariantCulture, $"{dropped} fact(s) past the first {MaxFacts} were not remembered"));
        }

        return facts.ToImmutable();
    }

    // A model asked for key facts answers a JSON array, or an object with "facts" (and perhaps a "summary").
    private static List<string> Extracted(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || (trimmed[0] != '[' && trimmed[0] != '{') || trimmed.Length > InputLimits.MaxJsonAnswerChars)
        {
            return [text];
        }

        try
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(trimmed, documentOptions: new() { MaxDepth = InputLimits.MaxJsonDepth });
            var found = node switch
            {
                System.Text.Json.Nodes.JsonArray array => Texts(array),
                System.Text.Json.Nodes.JsonObject obj => [.. obj["summary"] is System.Text.Json.Nodes.JsonValue summary && summary.TryGetValue<string>(out var s) ? [s] : Array.Empty<string>(),
                    .. obj["facts"] is System.Text.Json.Nodes.JsonArray facts ? Texts(facts) : []],
                _ => [],
            };
            return found.Count > 0 ? found : [text];
        }
        catch (System.Text.Json.JsonException)
        {
            return [text];
        }
    }

    private static List<string> Texts(System.Text.Json.Nodes.JsonArray array) =>
        [.. array.OfType<System.Text.Json.Nodes.JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()];
}
