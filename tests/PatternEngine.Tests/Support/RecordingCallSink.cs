using System.Collections.Concurrent;
using PatternEngine.Execution;
using PatternEngine.Models.Measurement;

namespace PatternEngine.Tests.Support;

/// <summary>Stands where a stage stands for a call scope: keeps every call it hears and every issue it is given.</summary>
internal sealed class RecordingCallSink : ICallSink
{
    public ConcurrentQueue<CallRecord> Heard { get; } = new();

    public ConcurrentQueue<string> Issues { get; } = new();

    public void CallFinished(CallRecord call) => Heard.Enqueue(call);

    public void AddIssue(string issue) => Issues.Enqueue(issue);
}
