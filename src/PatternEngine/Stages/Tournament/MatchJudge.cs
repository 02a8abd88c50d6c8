using PatternEngine.Compilation;

namespace PatternEngine.Stages.Tournament;

/// <summary>
/// Asks the judge about one pair, in an order drawn from the match's seed to limit position bias. A reply
/// that names neither candidate is asked once more, then counted as a tie.
/// </summary>
internal sealed class MatchJudge(PromptCall judge, IReadOnlyList<string> candidates)
{
    private const int Attempts = 2;

    public async Task<Match> JudgeAsync(StageContext context, int round, int matchNumber, int first, int second)
    {
        var swap = new Random(context.SeedFor(matchNumber)).Next(2) == 1;
        var (a, b) = swap ? (second, first) : (first, second);
        var reply = "";
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var result = await context.CallAsync(judge, (matchNumber * Attempts) + attempt, ("a", candidates[a]), ("b", candidates[b])).ConfigureAwait(false);
            reply = result.Answer.Text;
            switch (JudgeVerdict.Parse(reply))
            {
                case 'A':
                    return new Match(round, first, second, swap, a, attempt + 1, reply);
                case 'B':
                    return new Match(round, first, second, swap, b, attempt + 1, reply);
            }
        }

        context.AddIssue($"round {round}: the judge named neither candidate twice; counted as a tie");
        return new Match(round, first, second, swap, null, Attempts, reply);
    }
}
