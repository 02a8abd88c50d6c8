using System.Collections.Immutable;
using System.Globalization;
using PatternEngine.Compilation;
using PatternEngine.Conversations;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Measurement;

namespace PatternEngine.Stages.Recall;

/// <summary>
/// Finds the conversation's facts most relevant to a value, best first, within <c>top_k</c> facts and
/// <c>max_tokens</c> tokens; no model call.
/// </summary>
internal sealed class RecallNode(RecallStage definition, ImmutableArray<string> dependsOn) : StageNode(definition, dependsOn)
{
    public override StageValue SkippedValue { get; } = StageValue.List([]);

    public override IEnumerable<(string Field, PromptCall Call)> Calls => [];

    public override IReadOnlyDictionary<string, string> PlanSettings => new Dictionary<string, string>
    {
        ["query"] = definition.Query,
        ["top_k"] = definition.TopK.ToString(CultureInfo.InvariantCulture),
        ["max_tokens"] = definition.MaxTokens.ToString(CultureInfo.InvariantCulture),
    };

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        if (context.Conversation is not { } conversation)
        {
            // A warm-up run has no conversation: it pays the tokenizer's one-time load here, not the first measured turn.
            _ = TiktokenCounter.Estimate(context.ValueOf(definition.Query).AsItem() ?? "");
            context.AddIssue("the run is not a turn of a conversation: there is nothing to recall");
            return new StageOutcome(SkippedValue) { Memory = new MemoryAccess { Operation = "read" } };
        }

        var query = context.ValueOf(definition.Query).AsItem() ?? "";
        var started = context.Time.GetTimestamp();
        var recall = await conversation.Memory.RecallAsync(
            new MemoryQuery(conversation.Id, conversation.Turn, query, definition.TopK), context.CancellationToken).ConfigureAwait(false);
        var elapsed = context.Time.GetElapsedTime(started).TotalMilliseconds;

        // Facts are kept best first while they fit the token budget; a fact that does not fit is left out whole.
        var kept = new List<string>(recall.Facts.Count);
        long tokens = 0;
        foreach (var fact in recall.Facts.Take(definition.TopK))
        {
            var size = TiktokenCounter.Estimate(fact.Text);
            if (tokens + size > definition.MaxTokens)
            {
                context.AddIssue(string.Create(CultureInfo.InvariantCulture,
                    $"{recall.Facts.Count - kept.Count} recalled fact(s) left out: they would pass max_tokens {definition.MaxTokens}"));
                break;
            }

            tokens += size;
            kept.Add(fact.Text);
        }

        return new StageOutcome(StageValue.List(kept))
        {
            Memory = new MemoryAccess { Operation = "read", Rows = recall.Rows, Bytes = recall.Bytes, Ms = elapsed, Tokens = tokens },
        };
    }
}
