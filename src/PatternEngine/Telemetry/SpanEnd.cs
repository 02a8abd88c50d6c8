using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace PatternEngine.Telemetry;

/// <summary>Ends spans so that a listener that throws when a span stops reaches neither the call nor the run.</summary>
internal static class SpanEnd
{
    [SuppressMessage("Design", "CA1031", Justification = "Telemetry must never break what it reports.")]
    public static void Quietly(Activity? span)
    {
        try
        {
            span?.Stop();
        }
        catch (Exception)
        {
            // The span is lost to that listener; the others had it before.
        }
    }
}
