using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages.Reduce;

/// <summary>Combines an earlier list into one value without calling a model: a vote, a join, or the first value.</summary>
internal sealed class ReduceNode(ReduceStage definition, ImmutableArray<string> dependsOn) : StageNode(definition, dependsOn)
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => [];

    public override IReadOnlyDictionary<string, string> PlanSettings => new Dictionary<string, string>
    {
        ["from"] = definition.From,
        ["method"] = definition.Method.ToString().ToLowerInvariant(),
    };

    public override Task<StageOutcome> RunAsync(StageContext context)
    {
        var items = context.ValueOf(definition.From).AsList();
        var outcome = definition.Method switch
        {
            ReduceMethod.Vote => Vote(items, context),
            ReduceMethod.Join => new StageOutcome(StageValue.Of(string.Join(definition.Separator, items.OfType<string>()))),
            _ => First(items, context),
        };
        return Task.FromResult(outcome);
    }

    private static StageOutcome Vote(ImmutableArray<string?> items, StageContext context)
    {
        var vote = PluralityVote.Count(items);
        if (vote.Winner is null)
        {
            context.AddIssue("no sample had an answer to vote on");
        }

        var tally = new JsonObject();
        foreach (var (answer, votes) in vote.Tally)
        {
            tally[answer] = votes;
        }

        var details = new JsonObject
        {
            ["winner"] = vote.Winner,
            ["votes"] = vote.WinnerVotes,
            ["samples"] = vote.Voters,
            ["agreement"] = Math.Round(vote.Agreement, 4),
            ["tied"] = vote.Tied,
            ["tally"] = tally,
        };
        return new StageOutcome(StageValue.Of(vote.Winner), details);
    }

    private static StageOutcome First(ImmutableArray<string?> items, StageContext context)
    {
        var first = items.FirstOrDefault(i => i is not null);
        if (first is null)
        {
            context.AddIssue("no item had a value");
        }

        return new StageOutcome(StageValue.Of(first));
    }
}
