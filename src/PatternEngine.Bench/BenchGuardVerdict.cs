using PatternEngine.Definitions;

namespace PatternEngine.Bench;

/// <summary>
/// What a run's guards decided on a golden case that states an expected verdict: the bench's guard detection and
/// false-positive rates are counted from these, not from the run's stages.
/// </summary>
/// <param name="Expected">The case's <c>expected_verdict</c>: allow for a benign case, redact or block for a hostile one.</param>
/// <param name="Reached">The strongest verdict the run's guards reached: block when one stopped the run, redact when one redacted, else allow.</param>
public sealed record BenchGuardVerdict(GuardAction Expected, GuardAction Reached)
{
    /// <summary>Whether the case is hostile (it expects its text redacted or blocked).</summary>
    public bool Hostile => Expected != GuardAction.Allow;

    /// <summary>Whether the guards flagged the text (redacted or blocked it).</summary>
    public bool Flagged => Reached != GuardAction.Allow;
}
