using PatternEngine.Execution;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// What a <see cref="CallScope"/> reports to: the stage it belongs to, which hands every call on (to the run's log)
/// and keeps what went wrong recording them among its issues.
/// </summary>
internal interface ICallSink
{
    /// <summary>A call of the stage was recorded.</summary>
    void CallFinished(CallRecord call);

    /// <summary>Something went wrong recording or handing on a call of the stage; the call itself stands.</summary>
    void AddIssue(string issue);
}
