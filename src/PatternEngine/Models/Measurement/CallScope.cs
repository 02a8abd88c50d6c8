using System.Collections.Immutable;
using PatternEngine.Execution;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// The stage a call is made for. The runner opens one around each stage; it flows with the async context
/// into the model call, where the measurement middleware adds the call's record to it.
/// </summary>
internal sealed class CallScope
{
    private static readonly AsyncLocal<CallScope?> CurrentScope = new();

    private readonly ICallSink? _sink;

    // Most stages make one call: it goes in a field, so recording it takes no lock and allocates nothing. Calls
    // after it (samples, tool rounds, retries) go to a list under a lock on the scope itself, which never leaves the
    // engine, so that a scope with one call allocates no lock object either.
    private CallRecord? _first;
    private List<CallRecord>? _more;

    private CallScope(string stageId, ICallSink? sink)
    {
        StageId = stageId;
        _sink = sink;
    }

    public static CallScope? Current => CurrentScope.Value;

    public string StageId { get; }

    /// <summary>The calls recorded so far, in the order they finished.</summary>
    public ImmutableArray<CallRecord> Calls
    {
        get
        {
            if (Volatile.Read(ref _first) is not { } first)
            {
                return [];
            }

            lock (this)
            {
                return _more is null ? [first] : [first, .. _more];
            }
        }
    }

    /// <summary>
    /// Opens a scope for the rest of the calling async method and what it awaits; <paramref name="sink"/> (the stage)
    /// hears every call, and what went wrong recording one.
    /// </summary>
    public static CallScope Begin(string stageId, ICallSink? sink = null)
    {
        var scope = new CallScope(stageId, sink);
        CurrentScope.Value = scope;
        return scope;
    }

    public void Add(CallRecord call)
    {
        if (Interlocked.CompareExchange(ref _first, call, null) is not null)
        {
            lock (this)
            {
                (_more ??= []).Add(call);
            }
        }

        Announce(call);
    }

    // What hears the calls (a run log) never fails the call it hears; the stage says what it could not take.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "A log never fails the call it logs; the failure becomes the stage's issue.")]
    private void Announce(CallRecord call)
    {
        try
        {
            _sink?.CallFinished(call);
        }
        catch (Exception e)
        {
            AddIssue($"the run log could not take a call of the stage ({e.GetType().Name}: {e.Message}); the record keeps it");
        }
    }

    /// <summary>Notes, among the stage's issues, that a call of the stage could not be recorded (or logged).</summary>
    public void AddIssue(string issue) => _sink?.AddIssue(issue);
}
