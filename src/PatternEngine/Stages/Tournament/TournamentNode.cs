using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages.Tournament;

/// <summary>
/// Pairwise judging. Knockout: n-1 comparisons in ceil(log2 n) rounds, a round's comparisons concurrent, an odd
/// candidate out gets a bye, a tie sends the earlier candidate on. Round robin: every pair, most wins first.
/// </summary>
internal sealed class TournamentNode(TournamentStage definition, ImmutableArray<string> dependsOn, PromptCall judge)
    : StageNode(definition, dependsOn)
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => [("judge", judge)];

    public override IReadOnlyDictionary<string, string> PlanSettings => new Dictionary<string, string>
    {
        ["candidates"] = string.Join(", ", definition.Candidates),
        ["bracket"] = definition.Bracket == BracketKind.Knockout ? "knockout" : "round_robin",
    };

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var candidates = definition.Candidates
            .Select(source => context.ValueOf(source).AsList().OfType<string>().ToList())
            .FirstOrDefault(list => list.Count > 0) ?? [];
        if (candidates.Count == 0)
        {
            context.AddIssue($"{string.Join(", ", definition.Candidates.Select(c => $"'{c}'"))} gave no candidates");
            return new StageOutcome(StageValue.None, new JsonObject { ["candidates"] = 0 });
        }

        if (candidates.Count > InputLimits.MaxListItems)
        {
            context.AddIssue($"there are {candidates.Count:N0} candidates; a tournament ranks at most {InputLimits.MaxListItems:N0}, so no call was made");
            return new StageOutcome(StageValue.None, new JsonObject { ["candidates"] = candidates.Count });
        }

        var judgeOfPair = new MatchJudge(judge, candidates);
        var (winner, matches) = definition.Bracket == BracketKind.Knockout
            ? await KnockoutAsync(context, judgeOfPair, candidates.Count).ConfigureAwait(false)
            : await RoundRobinAsync(context, judgeOfPair, candidates.Count).ConfigureAwait(false);
        return new StageOutcome(StageValue.Of(candidates[winner]), Describe(candidates, winner, matches));
    }

    private static async Task<(int Winner, List<Match> Matches)> KnockoutAsync(StageContext context, MatchJudge judge, int count)
    {
        var matches = new List<Match>();
        var alive = Enumerable.Range(0, count).ToList();
        for (var round = 1; alive.Count > 1; round++)
        {
            var pairs = alive.Chunk(2).Where(pair => pair.Length == 2).ToList();
            var roundMatches = await Task.WhenAll(pairs.Select((pair, i) =>
                judge.JudgeAsync(context, round, matches.Count + i, pair[0], pair[1]))).ConfigureAwait(false);
            matches.AddRange(roundMatches);
            var advancing = roundMatches.Select(m => m.Winner ?? m.First).ToList();
            if (alive.Count % 2 == 1)
            {
                advancing.Add(alive[^1]); // a bye
            }

            alive = advancing;
        }

        return (alive[0], matches);
    }

    private static async Task<(int Winner, List<Match> Matches)> RoundRobinAsync(StageContext context, MatchJudge judge, int count)
    {
        var pairs = (from i in Enumerable.Range(0, count) from j in Enumerable.Range(i + 1, count - i - 1) select (i, j)).ToList();
        var matches = await Task.WhenAll(pairs.Select((pair, number) => judge.JudgeAsync(context, 1, number, pair.i, pair.j))).ConfigureAwait(false);
        var scores = new double[count];
        foreach (var match in matches)
        {
            if (match.Winner is { } winner)
            {
                scores[winner] += 1;
            }
            else
            {
                scores[match.First] += 0.5;
                scores[match.Second] += 0.5;
            }
        }

        var best = scores.Max();
        return (Array.IndexOf(scores, best), [.. matches]);
    }

    private static JsonObject Describe(List<string> candidates, int winner, List<Match> matches)
    {
        var bracket = new JsonArray();
        foreach (var match in matches)
        {
            bracket.Add(new JsonObject
            {
                ["round"] = match.Round,
                ["first"] = match.First,
                ["second"] = match.Second,
                ["shown_as_a"] = match.SecondShownAsA ? match.Second : match.First,
                ["winner"] = match.Winner,
                ["tie"] = match.Tie,
                ["judge_calls"] = match.JudgeCalls,
            });
        }

        return new JsonObject
        {
            ["candidates"] = new JsonArray([.. candidates.Select(c => (JsonNode?)JsonValue.Create(c))]),
            ["winner"] = winner,
            ["rounds"] = matches.Count == 0 ? 0 : matches.Max(m => m.Round),
            ["comparisons"] = matches.Count,
            ["bracket"] = bracket,
        };
    }
}
