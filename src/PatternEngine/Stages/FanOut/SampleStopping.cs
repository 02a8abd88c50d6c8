using PatternEngine.Definitions;
using PatternEngine.Stages.Reduce;

namespace PatternEngine.Stages.FanOut;

/// <summary>
/// Whether a fan-out may stop drawing samples, by its <see cref="StopRule"/>, and how big its next wave is. Answers are
/// compared as the vote compares them (<see cref="PluralityVote.Normalize"/>); unparsed samples vote for nothing.
/// Every rule also stops once the plurality is decided: then no further sample could change the vote.
/// </summary>
internal sealed class SampleStopping(StopRule rule, int? routeConcurrency)
{
    /// <summary>Why sampling stopped when every sample was drawn.</summary>
    public const string Exhausted = "exhausted";

    public StopRule Rule => rule;

    /// <summary>The reason to stop after <paramref name="answers"/> (in sample order) with <paramref name="remaining"/> samples left, or null to go on.</summary>
    public string? Reason(IReadOnlyList<string?> answers, int remaining)
    {
        var (leader, runnerUp) = TopTwo(answers);
        if (leader > runnerUp + remaining)
        {
            return "decided";
        }

        return rule.Strategy switch
        {
            StopStrategy.Window when LastAgree(answers, rule.Window) => "window_agreed",
            StopStrategy.Posterior when leader > 0 && LeaderPosterior(leader, runnerUp) >= rule.Threshold => "posterior_settled",
            _ => null,
        };
    }

    /// <summary>
    /// The size of the next wave: the rule's <see cref="StopRule.Wave"/> when set; otherwise the fewest samples that
    /// could let the rule stop (each agreeing with the leader, or for a window with the last answer), so that none is
    /// drawn that the rule would not have needed, but no more than the route lets through at once (a bigger wave would
    /// only queue, and checking between its parts costs nothing).
    /// </summary>
    public int NextWave(IReadOnlyList<string?> answers, int remaining)
    {
        if (rule.Wave is { } wave)
        {
            return Math.Clamp(wave, 1, remaining);
        }

        return Math.Min(FewestThatCouldStop(answers, remaining), routeConcurrency ?? int.MaxValue);
    }

    private int FewestThatCouldStop(IReadOnlyList<string?> answers, int remaining)
    {
        var likely = rule.Strategy == StopStrategy.Window && answers.Count > 0 ? answers[^1] : PluralityVote.Count(answers).Winner;
        likely ??= "\u0000any answer";
        var extended = new List<string?>(answers);
        for (var k = 1; k < remaining; k++)
        {
            extended.Add(likely);
            if (Reason(extended, remaining - k) is not null)
            {
                return k;
            }
        }

        return remaining;
    }

    /// <summary>
    /// Adaptive-Consistency's Beta rule: with a uniform prior on the leader's share p of the top two answers' votes,
    /// P(p &gt; 1/2 | v1, v2) = 1 - I_{1/2}(v1 + 1, v2 + 1), which for whole counts is P(Binomial(v1 + v2 + 1, 1/2) ≤ v1).
    /// </summary>
    public static double LeaderPosterior(int leader, int runnerUp)
    {
        var n = leader + runnerUp + 1;
        double term = Math.Pow(0.5, n), sum = 0; // C(n, 0) / 2^n, then C(n, i) / 2^n by the ratio (n - i + 1) / i
        for (var i = 0; i <= leader; i++)
        {
            if (i > 0)
            {
                term *= (double)(n - i + 1) / i;
            }

            sum += term;
        }

        return Math.Min(sum, 1);
    }

    private static bool LastAgree(IReadOnlyList<string?> answers, int window)
    {
        if (answers.Count < window || answers[^1] is not { } last)
        {
            return false;
        }

        var key = PluralityVote.Normalize(last);
        for (var i = answers.Count - window; i < answers.Count - 1; i++)
        {
            if (answers[i] is not { } answer || PluralityVote.Normalize(answer) != key)
            {
                return false;
            }
        }

        return true;
    }

    private static (int Leader, int RunnerUp) TopTwo(IReadOnlyList<string?> answers)
    {
        var votes = PluralityVote.Count(answers).Tally.Select(t => t.Votes).OrderDescending().ToList();
        return (votes.ElementAtOrDefault(0), votes.ElementAtOrDefault(1));
    }
}
