using System.Globalization;
using System.Collections.Immutable;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages.FanOut;

/// <summary>
/// The same call (or included pattern) made <c>count</c> times, concurrently, each with its own seed; the value is the
/// list of answers. With a stopping rule (<see cref="SampleStopping"/>) the samples come in waves, until the rule
/// says the answers are settled.
/// </summary>
internal sealed class FanOutNode(FanOutStage definition, ImmutableArray<string> dependsOn, StageBody body, SampleStopping? stopping)
    : StageNode(definition, dependsOn)
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => body.Calls;

    public override Pattern.IncludedPattern? Included => body.Included;

    public override IReadOnlyDictionary<string, string> PlanSettings => definition.Stop is { } stop
        ? new Dictionary<string, string>
        {
            ["count"] = definition.Count.ToString(CultureInfo.InvariantCulture),
            ["stop"] = StopSetting(stop),
        }
        : new Dictionary<string, string>
        {
            ["count"] = definition.Count.ToString(CultureInfo.InvariantCulture),
            ["early_stop"] = definition.EarlyStop ? "true" : "false",
        };

    public override StageValue SkippedValue => StageValue.List([]);

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var (samples, reason, waves) = stopping is null
            ? (await SampleAsync(context, 0, definition.Count).ConfigureAwait(false), null, 1)
            : await SampleUntilSettledAsync(context, stopping).ConfigureAwait(false);
        var values = samples.Select(s => s.Value.AsItem()).ToList();
        var details = ToolDetails.Of([.. samples.Select(s => s.Prompt).OfType<PromptResult>()]) ?? [];
        if (body.Included is { } included)
        {
            details["pattern"] = included.Pattern.Definition.Name;
        }

        details["samples"] = samples.Count;
        details["parsed"] = values.Count(v => v is not null);
        if (reason is not null)
        {
            details["samples_saved"] = definition.Count - samples.Count;
            details["stop_reason"] = reason;
            details["waves"] = waves;
        }

        return new StageOutcome(StageValue.List(values), details);
    }

    private async Task<(List<BodyResult> Samples, string Reason, int Waves)> SampleUntilSettledAsync(StageContext context, SampleStopping stopping)
    {
        var samples = new List<BodyResult>(definition.Count);
        var answers = new List<string?>(definition.Count);
        var wave = 0;
        while (samples.Count < definition.Count)
        {
            var remaining = definition.Count - samples.Count;
            if (stopping.Reason(answers, remaining) is { } reason)
            {
                return (samples, reason, wave);
            }

            var drawn = await SampleAsync(context, samples.Count, stopping.NextWave(answers, remaining)).ConfigureAwait(false);
            samples.AddRange(drawn);
            answers.AddRange(drawn.Select(s => s.Value.AsItem()));
            wave++;
        }

        return (samples, stopping.Reason(answers, 0) ?? SampleStopping.Exhausted, wave);
    }

    private static string StopSetting(StopRule rule) => rule.Strategy switch
    {
        StopStrategy.Window => string.Create(CultureInfo.InvariantCulture, $"window {rule.Window}"),
        StopStrategy.Posterior => string.Create(CultureInfo.InvariantCulture, $"posterior {rule.Threshold}"),
        _ => "plurality",
    } + (rule.Wave is { } wave ? string.Create(CultureInfo.InvariantCulture, $", waves of {wave}") : "");

    // Sample numbers, and so seeds, are the same with and without early stopping.
    private async Task<List<BodyResult>> SampleAsync(StageContext context, int first, int count) =>
        [.. await Task.WhenAll(Enumerable.Range(first, count)
            .Select(index => body.RunAsync(context, index, ("index", index)))).ConfigureAwait(false)];
}
