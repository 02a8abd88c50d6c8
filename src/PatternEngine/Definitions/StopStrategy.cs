namespace PatternEngine.Definitions;

/// <summary>When a fan-out whose samples go to a vote stops drawing samples (see <see cref="StopRule"/>).</summary>
public enum StopStrategy
{
    /// <summary>Once no other answer can still win the plurality vote: the vote's result is the full vote's.</summary>
    Plurality,

    /// <summary>
    /// Once the last <see cref="StopRule.Window"/> samples give the same answer (Early-stopping Self-Consistency,
    /// Li et al. 2024).
    /// </summary>
    Window,

    /// <summary>
    /// Once the posterior chance that the leading answer is the more likely of the top two reaches
    /// <see cref="StopRule.Threshold"/> (Adaptive-Consistency's Beta rule, Aggarwal et al. 2023).
    /// </summary>
    Posterior,
}
