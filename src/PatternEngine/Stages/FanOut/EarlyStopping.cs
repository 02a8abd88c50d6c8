using PatternEngine.Stages.Reduce;

namespace PatternEngine.Stages.FanOut;

/// <summary>
/// When a plurality vote over samples is already decided, and how many more samples could decide it: the leader
/// (L votes) is safe from the runner-up (S) once L &gt; S + r, r the samples not yet drawn; k more samples can
/// only decide it if L + k &gt; S + (r - k), so the next wave is the smallest such k.
/// </summary>
internal static class EarlyStopping
{
    public static bool IsDecided(IReadOnlyList<string?> answers, int remaining)
    {
        var (leader, runnerUp) = TopTwo(answers);
        return leader > runnerUp + remaining;
    }

    /// <summary>The first wave: a majority of the samples, the fewest that could agree on a winner.</summary>
    public static int FirstWave(int count) => (count / 2) + 1;

    public static int NextWave(IReadOnlyList<string?> answers, int remaining)
    {
        var (leader, runnerUp) = TopTwo(answers);
        return Math.Clamp(((runnerUp + remaining - leader) / 2) + 1, 1, remaining);
    }

    private static (int Leader, int RunnerUp) TopTwo(IReadOnlyList<string?> answers)
    {
        var votes = PluralityVote.Count(answers).Tally.Select(t => t.Votes).OrderDescending().ToList();
        return (votes.ElementAtOrDefault(0), votes.ElementAtOrDefault(1));
    }
}
