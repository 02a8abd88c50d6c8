using System.Collections.Concurrent;
using PatternEngine.Execution;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// The stage a call is made for. The runner opens one around each stage; it flows with the async context
/// into the model call, where the measurement middleware adds the call's record to it.
/// </summary>
internal sealed class CallScope
{
    private static readonly AsyncLocal<CallScope?> CurrentScope = new();

    private readonly ConcurrentQueue<CallRecord> _calls = new();

    private readonly Action<CallRecord>? _onCall;

    private CallScope(string stageId, Action<CallRecord>? onCall)
    {
        StageId = stageId;
        _onCall = onCall;
    }

    public static CallScope? Current => CurrentScope.Value;

    public string StageId { get; }

    public IReadOnlyCollection<CallRecord> Calls => _calls;

    /// <summary>Opens a scope for the rest of the calling async method and what it awaits; <paramref name="onCall"/> hears every call.</summary>
    public static CallScope Begin(string stageId, Action<CallRecord>? onCall = null)
    {
        var scope = new CallScope(stageId, onCall);
        CurrentScope.Value = scope;
        return scope;
    }

    public void Add(CallRecord call)
    {
        _calls.Enqueue(call);
        _onCall?.Invoke(call);
    }
}
