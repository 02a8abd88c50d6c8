namespace PatternEngine;

/// <summary>What kind of failure a <see cref="PatternEngineException"/> is: what a host (the command line, a service) maps to its own answer.</summary>
public enum PatternEngineErrorKind
{
    /// <summary>
    /// Something the caller gave is wrong (a pattern, catalog, providers, golden, cassette, SLO or plan file, a run's
    /// inputs, the engine's configuration, a model file): nothing ran, and fixing the input fixes it.
    /// </summary>
    InvalidInput,

    /// <summary>
    /// Something failed while running (a provider, a model call after its retries and fallback, a prompt that does not
    /// render, a cassette with no answer, a cancelled run); what was measured before it is kept.
    /// </summary>
    RunFailed,

    /// <summary>The run stopped because its next call did not fit its budget; the call was not made, what was measured is kept.</summary>
    BudgetExceeded,

    /// <summary>A guard blocked the run's text; no model call followed, what was measured is kept.</summary>
    Blocked,

    /// <summary>Everything ran and was measured, but a release gate failed on the measured figures.</summary>
    GateFailed,
}
