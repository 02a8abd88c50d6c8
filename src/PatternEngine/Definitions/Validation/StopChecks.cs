using System.Globalization;

namespace PatternEngine.Definitions.Validation;

/// <summary>A fan-out's stopping rule fits its count (the schema checks the file's shape; this checks code too).</summary>
internal static class StopChecks
{
    public static void Run(ValidationContext context, FanOutStage fanOut, StopRule stop)
    {
        var at = fanOut.Source.Of("stop");
        if (fanOut.EarlyStop)
        {
            context.Report(fanOut.Source.Of("early_stop"), "early_stop and stop both say when to stop sampling; keep stop (early_stop: true is stop: { strategy: plurality })");
        }

        if (stop.Strategy == StopStrategy.Window && (stop.Window < 2 || stop.Window > fanOut.Count))
        {
            context.Report(at, string.Create(CultureInfo.InvariantCulture, $"stop window {stop.Window} is out of range; use 2 to the count ({fanOut.Count})"));
        }

        if (stop.Strategy == StopStrategy.Posterior && !(stop.Threshold > 0.5 && stop.Threshold < 1))
        {
            context.Report(at, string.Create(CultureInfo.InvariantCulture, $"stop threshold {stop.Threshold} is out of range; use more than 0.5 and less than 1"));
        }

        if (stop.Wave is < 1 or > FanOutStage.MaxCount)
        {
            context.Report(at, string.Create(CultureInfo.InvariantCulture, $"stop wave {stop.Wave} is out of range; use 1 to {FanOutStage.MaxCount}"));
        }
    }
}
