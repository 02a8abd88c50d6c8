using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using PatternEngine.Execution;

namespace PatternEngine.Telemetry;

/// <summary>
/// One model call as the telemetry middleware sees it: its span, started before the call so that whatever the call
/// does nests under it, and the record the measurement inside makes of it, which the run's listener hands over
/// through the async flow. When the call returns (or fails), the span, the metrics and the log get the record's
/// figures and the exception's type.
/// </summary>
internal sealed class CallObservation : IDisposable
{
    private static readonly AsyncLocal<CallObservation?> CurrentCall = new();

    private readonly EngineTelemetry _telemetry;
    private CallRecord? _record;
    private string? _pattern;
    private Exception? _error;

    private CallObservation(EngineTelemetry telemetry, Activity? span)
    {
        _telemetry = telemetry;
        Span = span;
    }

    public Activity? Span { get; }

    /// <summary>
    /// Starts observing a call about to be made with <paramref name="options"/>, in the caller's async flow; null
    /// when that fails (a listener that throws), and the call goes on unobserved.
    /// </summary>
    [SuppressMessage("Design", "CA1031", Justification = "Telemetry must never break the call it reports.")]
    public static CallObservation? TryBegin(EngineTelemetry telemetry, ChatOptions? options, bool streaming)
    {
        try
        {
            var observation = new CallObservation(telemetry, CallSpans.Start(telemetry.Route(options?.ModelId), options, streaming));
            CurrentCall.Value = observation;
            return observation;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>Gives <paramref name="record"/> to the call observed in this async flow; false when none is waiting for one.</summary>
    public static bool TryTake(CallRecord record, string pattern)
    {
        if (CurrentCall.Value is not { _record: null } observation)
        {
            return false;
        }

        observation._record = record;
        observation._pattern = pattern;
        return true;
    }

    /// <summary>
    /// Makes this call current again: an async iterator's caller resumes it without what the iterator set, so a
    /// streamed call restores its span and itself after each update it yields.
    /// </summary>
    public void Resume()
    {
        CurrentCall.Value = this;
        if (Span is not null)
        {
            Activity.Current = Span;
        }
    }

    public void Failed(Exception error) => _error = error;

    [SuppressMessage("Design", "CA1031", Justification = "Telemetry must never break the call it reports.")]
    public void Dispose()
    {
        try
        {
            CallTelemetry.Report(_telemetry, Span, _record, _pattern, _error);
        }
        catch (Exception)
        {
            // A span or a metric that could not be written is lost; the call and its record are not.
        }

        SpanEnd.Quietly(Span);
    }
}
