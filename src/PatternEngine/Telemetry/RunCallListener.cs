using System.Diagnostics.CodeAnalysis;
using PatternEngine.Execution;

namespace PatternEngine.Telemetry;

/// <summary>
/// Hears each call a run records (the measurement hands its record to the stage's call scope, inside the call). A
/// call observed by <see cref="TelemetryChatClient"/> takes its record, and is reported when it returns, with its
/// exception; a record nobody observed (an attempt the open circuit refused before any call was made) is reported
/// here, with a span of its own.
/// </summary>
internal sealed class RunCallListener(EngineTelemetry telemetry, string pattern)
{
    [SuppressMessage("Design", "CA1031", Justification = "Telemetry must never break the call it reports.")]
    public void OnCall(CallRecord record)
    {
        try
        {
            if (!CallObservation.TryTake(record, pattern))
            {
                using var span = CallSpans.StartRecorded(telemetry, record);
                CallTelemetry.Report(telemetry, span, record, pattern, error: null);
            }
        }
        catch (Exception)
        {
            // A span or a metric that could not be written is lost; the call and its record are not.
        }
    }
}
