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

    // A stage makes a handful of calls: a list under a lock costs less than a concurrent queue's first segment.
    private readonly List<CallRecord> _calls = [];

    private readonly Action<CallRecord>? _onCall;

    private CallScope(string stageId, Action<CallRecord>? onCall)
    {
        StageId = stageId;
        _onCall = onCall;
    }

    public static CallScope? Current => CurrentScope.Value;

    public string StageId { get; }

    /// <summary>The calls recorded so far, in the order they finished (a copy).</summary>
    public ImmutableArray<CallRecord> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Opens a scope for the rest of the calling async method and what it awaits; <paramref name="onCall"/> hears every call.</summary>
    public static CallScope Begin(string stageId, Action<CallRecord>? onCall = null)
    {
        var scope = new CallScope(stageId, onCall);
        CurrentScope.Value = scope;
        return scope;
    }

    public void Add(CallRecord call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }

        _onCall?.Invoke(call);
    }
}
