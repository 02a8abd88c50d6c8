namespace PatternEngine.Stages.Tournament;

/// <summary>One comparison: the two candidates (by index), which was shown as A, and the outcome.</summary>
internal sealed record Match(int Round, int First, int Second, bool SecondShownAsA, int? Winner, int JudgeCalls, string Reply)
{
    public bool Tie => Winner is null;
}
